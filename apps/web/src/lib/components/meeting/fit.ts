/**
 * The last resort of the shared screen: scales an element down until it fits a height, so
 * nothing is ever cut off below the screen's edge. Pages are measured to fit without it; it
 * acts when something grows after the layout (the room's notes during the discussion). A
 * scaled element carries `data-scaled`, so a test can tell a fitted page from a shrunken one.
 */
export function fitInto(node: HTMLElement, options: { height: number; key: unknown }) {
	let height = options.height;
	const fit = () => {
		node.style.transform = '';
		node.style.width = '';
		delete node.dataset.scaled;
		const natural = node.offsetHeight;
		if (height <= 0 || natural <= height + 1) return;
		const scale = height / natural;
		node.style.transform = `scale(${scale})`;
		node.style.width = `${100 / scale}%`;
		node.dataset.scaled = String(Math.round(scale * 100) / 100);
	};
	const observer = new ResizeObserver(fit);
	observer.observe(node);
	fit();
	return {
		update(next: { height: number; key: unknown }) {
			height = next.height;
			fit();
		},
		destroy() {
			observer.disconnect();
		}
	};
}
