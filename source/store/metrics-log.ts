import {readFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {Metric} from '../domain/metric.js';

/** The console's own measurements live beside the data file: `crm.json` → `crm.metrics.jsonl`. */
export const metricsPathFor = (dataFile: string): string => join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.metrics.jsonl`);

/** Reads the metrics log; undefined when there is none. A damaged line is skipped, not fatal: these are measurements. */
export const loadMetrics = async (dataFile: string): Promise<Metric[] | undefined> => {
	let text: string;
	try {
		text = await readFile(metricsPathFor(dataFile), 'utf8');
	} catch {
		return undefined;
	}
	const metrics: Metric[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		try {
			const entry = JSON.parse(line) as Metric;
			if (typeof entry.at === 'string' && typeof entry.kind === 'string') metrics.push(entry);
		} catch {
			// A line cut short by a crash: the rest of the log still counts.
		}
	}
	return metrics;
};
