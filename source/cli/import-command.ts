import {runImport} from '../commands/import/run-import.js';
import {t} from '../i18n/i18n.js';
import {say} from './words.js';

export type ImportCommandOptions = {
	map?: string[];
	id?: string;
	dates?: string;
	dryRun?: boolean;
	rejects?: string;
	dataFile: string;
	operator: string;
	readonly: boolean;
};

/**
 * `crm import`: reads, plans and saves with a progress line on stderr; Ctrl+C (or a kill) before
 * saving stops with nothing saved; rows rejected exit 1 (the rest saved), so a script can tell.
 */
export const importCommand = async (entity: string, file: string, options: ImportCommandOptions): Promise<void> => {
	// Loaded here: its width measure costs every other command (the console's start too) tens of milliseconds.
	const [{progressLine}, {stopOnSignals}] = await Promise.all([
		import('../commands/import/progress-line.js'),
		import('../commands/import/stop-on-signals.js'),
	]);
	// On a terminal, a line on stderr says how far it got; Ctrl+C (or a kill) before saving stops with nothing saved.
	const progress = progressLine(process.stderr, file);
	const stop = stopOnSignals(() => {
		progress.clear();
		process.stderr.write(`${t('cli.import.savingFirst')}\n`);
	});
	try {
		const summary = await runImport({
			entity,
			csv: file,
			dataFile: options.dataFile,
			map: options.map,
			idColumn: options.id,
			...(options.dates === undefined ? {} : {dates: options.dates}),
			dryRun: options.dryRun,
			rejectsFile: options.rejects,
			operator: options.operator,
			readonly: options.readonly,
			// Rows rejected: exit 1 (the rest saved), so a script or cron job can tell.
			report: (plan) => {
				if (plan.rejects.length > 0) process.exitCode = 1;
			},
			signal: stop.signal,
			onProgress: (step) => {
				if (step.phase === 'saving') stop.saving();
				progress.update(step);
			},
		});
		progress.clear();
		say(summary);
	} finally {
		progress.clear();
		stop.dispose();
	}
};
