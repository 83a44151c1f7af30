import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const workspaces = ['apps/server', 'apps/web', 'packages/model'];

interface Manifest {
	name: string;
	exports?: Record<string, string>;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
}
const manifest = (dir: string): Manifest =>
	JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;

function sources(dir: string): string[] {
	return (
		readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
			// Test files use the root's dev dependencies (vitest), not their workspace's.
			.filter((file) => !file.endsWith('.test.ts'))
			.filter(
				(file) =>
					/\.(ts|js|svelte)$/.test(file) && !/(^|\/)(node_modules|build|\.svelte-kit)\//.test(file)
			)
			.map((file) => join(dir, file))
	);
}

/** The packages a file imports at run time (type-only imports excluded), by package name. */
function runtimeImports(file: string): string[] {
	const text = readFileSync(join(root, file), 'utf8');
	const names = new Set<string>();
	const pattern =
		/(?:^|[\s;])(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
	for (const match of text.matchAll(pattern)) {
		const specifier = match[1] ?? match[2] ?? '';
		if (specifier.startsWith('.') || specifier.startsWith('$') || specifier.startsWith('node:'))
			continue;
		if (builtinModules.includes(specifier)) continue;
		const parts = specifier.split('/');
		names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
	}
	return [...names];
}

describe('workspace manifests', () => {
	for (const dir of workspaces) {
		it(`${dir} declares every package its code imports`, () => {
			const { name, dependencies = {}, devDependencies = {} } = manifest(dir);
			const declared = new Set([
				name,
				...Object.keys(dependencies),
				...Object.keys(devDependencies)
			]);
			// Svelte and Kit provide these to every app through the compiler.
			if (dir === 'apps/web') for (const pkg of ['svelte', '@sveltejs/kit']) declared.add(pkg);
			const missing = sources(join(dir, 'src'))
				.flatMap((file) => runtimeImports(file).map((pkg) => ({ file, pkg })))
				.filter(({ pkg }) => !declared.has(pkg));
			expect(missing).toEqual([]);
		});
	}

	for (const dir of workspaces.filter((d) => manifest(d).exports)) {
		it(`${dir} exports files that exist`, () => {
			for (const target of Object.values(manifest(dir).exports ?? {})) {
				expect(() => readFileSync(join(root, dir, target)), target).not.toThrow();
			}
		});
	}

	it('keeps type-only packages out of the server’s runtime dependencies', () => {
		const runtime = Object.keys(manifest('apps/server').dependencies ?? {});
		expect(runtime.filter((pkg) => pkg.startsWith('@types/') || pkg === 'openapi-types')).toEqual(
			[]
		);
	});
});
