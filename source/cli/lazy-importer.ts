import type {createConsoleImporter} from '../commands/import/console-importer.js';
import type {ConsoleImporter} from '../ui/state/import-wizard.js';

type Made = ReturnType<typeof createConsoleImporter>;

/**
 * The console's importer, loaded when the import wizard first uses it: CSV parsing and the mapping
 * files are nothing the first frame needs (issue 23). `rejectsPath` names the rejects of a plan made
 * from a table this importer has read, so by then it is loaded.
 */
export const lazyImporter = (options: Parameters<typeof createConsoleImporter>[0]): ConsoleImporter => {
	let made: Made | undefined;
	const loading = async (): Promise<Made> => {
		if (!made) {
			const {createConsoleImporter: create} = await import('../commands/import/console-importer.js');
			made ??= create(options);
		}
		return made;
	};
	return {
		find: async () => (await loading()).find(),
		list: async (folder) => (await loading()).list(folder),
		read: async (file) => (await loading()).read(file),
		writeRejects: async (plan, table, csvFile) => (await loading()).writeRejects(plan, table, csvFile),
		rejectsPath: (csvFile) => {
			// i18n-exempt: a developer's error (a plan comes from a table `read` gave, which loaded the importer)
			if (!made) throw new Error('The importer named a rejects file before reading any table.');
			return made.rejectsPath(csvFile);
		},
	};
};
