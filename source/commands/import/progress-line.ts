import stringWidth from 'string-width';
import {t} from '../../i18n/i18n.js';
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
	(bytes / 1_048_576).toLocaleString('en-US', {maximumFractionDigits: 1, minimumFractionDigits: 1});

/** What the line says: how far the file has been read and checked, or that the save is under way. */
export const progressText = (file: string, progress: ImportProgress): string => {
	if (progress.phase === 'saving')
		return progress.changes === 0 ? t('cli.progress.summary') : t('cli.progress.saving', {count: progress.changes});
	const share = progress.totalBytes === 0 ? 1 : Math.min(1, progress.bytes / progress.totalBytes);
	const words = {
		file,
		percent: Math.floor(share * 100),
		read: megabytes(progress.bytes),
		total: megabytes(progress.totalBytes),
		rows: number(progress.rows),
		entity: progress.entity,
		target: progress.target + 1,
		targets: progress.targets,
	};
	return progress.targets > 1 ? t('cli.progress.checkingEntity', words) : t('cli.progress.checking', words);
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
