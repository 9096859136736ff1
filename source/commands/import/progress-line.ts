import stringWidth from 'string-width';
import type {ImportProgress} from './run-import.js';

const number = (value: number): string => value.toLocaleString('en-US');
/** `text` cut to `width` terminal cells, an ellipsis marking the cut. */
const fitted = (text: string, width: number): string => {
	if (stringWidth(text) <= width) return text;
	let cut = '';
	for (const character of text) {
		if (stringWidth(`${cut}${character}…`) > width) break;
		cut += character;
	}
	return `${cut}…`;
};

const megabytes = (bytes: number): string =>
	`${(bytes / 1_048_576).toLocaleString('en-US', {maximumFractionDigits: 1, minimumFractionDigits: 1})} MB`;

/** What the line says: how far the file has been read and checked, or that the save is under way. */
export const progressText = (file: string, progress: ImportProgress): string => {
	if (progress.phase === 'saving')
		return progress.changes === 0
			? 'Writing the summary…'
			: `Saving ${number(progress.changes)} change${progress.changes === 1 ? '' : 's'} as one import (Ctrl+C waits for it: a save is never cut short)…`;
	const share = progress.totalBytes === 0 ? 1 : Math.min(1, progress.bytes / progress.totalBytes);
	const which = progress.targets > 1 ? ` for ${progress.entity} (${progress.target + 1} of ${progress.targets})` : '';
	return `Checking ${file}${which}: ${Math.floor(share * 100)}% (${megabytes(progress.bytes)} of ${megabytes(progress.totalBytes)}), ${number(progress.rows)} rows — Ctrl+C stops, nothing saved`;
};

/**
 * One line on a terminal, rewritten in place at most every `interval` ms and cleared at the end;
 * nothing at all when the stream is not a terminal (a script's log gets the summary alone).
 */
export const progressLine = (stream: NodeJS.WriteStream, file: string, interval = 100) => {
	let shown = false;
	let last = -Infinity;
	const width = () => Math.max(20, (stream.columns || 80) - 1);
	return {
		update: (progress: ImportProgress): void => {
			if (!stream.isTTY) return;
			const now = performance.now();
			if (progress.phase === 'checking' && now - last < interval) return;
			last = now;
			const text = progressText(file, progress);
			stream.write(`\r\u001B[2K${fitted(text, width())}`);
			shown = true;
		},
		clear: (): void => {
			if (!shown) return;
			stream.write('\r\u001B[2K');
			shown = false;
		},
	};
};
