import { ApiFailure } from '$lib/api.ts';

/**
 * Downloads a PDF the API serves to an invitation holder. The token travels in a header, never
 * in a URL, so this fetches the file and hands the browser a local copy to save.
 */
export async function downloadWithInvitation(path: string, invitation: string): Promise<void> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, { headers: { Authorization: `Bearer ${invitation}` } });
	} catch {
		throw new ApiFailure(0, 'network');
	}
	if (!response.ok) {
		const body = (await response.json().catch(() => ({}))) as { error?: string };
		throw new ApiFailure(response.status, body.error ?? 'generic');
	}
	const disposition = response.headers.get('content-disposition') ?? '';
	const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
	const name = encoded ? decodeURIComponent(encoded) : 'feedback.pdf';
	const url = URL.createObjectURL(await response.blob());
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
