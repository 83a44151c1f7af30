import { ExternalSignInError, safeReturnPath } from '@kollegium/model';
import { api } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** How one signs in here, and why a sign-in through the identity provider came back refused. */
export const load: PageLoad = async ({ url }) => {
	const methods = await api('GET /auth/methods');
	const error = ExternalSignInError.safeParse(url.searchParams.get('fel'));
	// Where a sign-in through a provider comes back to (`?till=`), a path of this site only.
	const till = safeReturnPath(url.searchParams.get('till'));
	const query = till === '/' ? '' : `?till=${encodeURIComponent(till)}`;
	return { methods, externalError: error.success ? error.data : null, query };
};
