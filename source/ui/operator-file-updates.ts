import type {OperatorFile} from '../domain/operator-file.js';
import type {CrmStore} from '../store/store-contract.js';

type Store = Pick<CrmStore, 'operatorFile' | 'saveOperatorFile'>;

/** The updates of each store's operator files, one after another: the end of the last one. */
const queues = new WeakMap<Store, Promise<unknown>>();

/**
 * Changes the operator's file by reading it as it is now and writing `change` of it back, after any
 * update of this console still under way: the survey's answers and the saved views are written by
 * different parts of the console, and neither may write back a file read before the other's change.
 * Resolves to the file as written.
 */
export const updateOperatorFile = (
	store: Store,
	operator: string,
	change: (file: OperatorFile) => OperatorFile,
): Promise<OperatorFile> => {
	const run = async () => {
		const next = change(await store.operatorFile(operator));
		await store.saveOperatorFile(operator, next);
		return next;
	};
	const done = (queues.get(store) ?? Promise.resolve()).then(run, run);
	queues.set(
		store,
		done.catch(() => undefined),
	);
	return done;
};
