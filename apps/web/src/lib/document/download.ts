import { ApiFailure } from '$lib/api.ts';

/**
 * Downloads a PDF from the API. Fetched rather than linked, so a refusal shows as a message
 * rather than a saved error file, and so an invitation token travels in a header, never in a URL.
 */
export async function downloadPdf(path: string, invitation?: string): Promise<void> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			headers: invitation ? { Authorization: `Bearer ${invitation}` } : {},
			credentials: 'same-origin'
		});
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
