// Lint for the whole repository. Kept under tests/ so the top level stays as DEVELOPERS.md lays it out.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from '../../svelte.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default ts.config(
	{ ignores: ['**/node_modules/', '**/build/', '**/.svelte-kit/', 'data/', 'templates/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: {
					allowDefaultProject: [
						'*.js',
						'apps/web/*.js',
						'apps/web/scripts/*.js',
						'tests/support/*.js',
						'tests/config/*.js'
					]
				},
				tsconfigRootDir: root,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			// An async listener handed to an emitter that never awaits it is a dead process waiting
			// for one rejected promise: socket.io listeners go through one guard instead.
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/require-await': 'error',
			'@typescript-eslint/no-unnecessary-type-assertion': 'error',
			'@typescript-eslint/switch-exhaustiveness-check': [
				'error',
				{ considerDefaultExhaustiveForUnions: true }
			],
			eqeqeq: 'error',
			// socket.io and ws type their listeners loosely, so no-misused-promises misses them.
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'CallExpression[callee.property.name=/^(on|once|addListener|prependListener)$/] > :matches(ArrowFunctionExpression, FunctionExpression)[async=true]',
					message:
						'An emitter never awaits its listener: wrap an async listener in guarded() (apps/server/src/realtime/guard.ts), or catch inside it.'
				}
			],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'svelte/no-at-html-tags': 'error',
			// Links are plain hrefs in this app; resolve() adds nothing without a base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Dependencies point one way: the model knows nothing of the apps.
		files: ['packages/model/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: ['**/apps/**', '@kollegium/server', '@kollegium/web'] }
			]
		}
	},
	{
		// The web app talks to the server over HTTP only.
		files: ['apps/web/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: ['**/apps/server/**', '@kollegium/server'] }]
		}
	},
	{
		files: ['tests/**', '**/*.test.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	}
);
