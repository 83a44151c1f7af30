import type { PdfEndpointKey } from '@kollegium/model';
import { apiPdf, type CallArguments } from '$lib/api.ts';

/**
 * Downloads a PDF from the API. Fetched rather than linked, so a refusal shows as a message
 * rather than a saved error file, and so an invitation token travels in a header, never in a URL.
 */
export async function downloadPdf<K extends PdfEndpointKey>(
	key: K,
	...options: CallArguments<K>
): Promise<void> {
	const { blob, disposition } = await apiPdf(key, ...options);
	const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
	const name = encoded ? decodeURIComponent(encoded) : 'feedback.pdf';
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
