import type {Dataset} from '../../domain/dataset.js';
import type {Mutation} from '../../domain/mutation.js';
import type {Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import {DataFileError} from '../../store/data-file-error.js';
import {MutationError} from '../../store/mutation-error.js';
import {CrmStore} from '../../store/store.js';
import type {ApplyResult, UndoResult} from '../../store/store-contract.js';
import {exitCodes} from '../exit-codes.js';
import {RecordsRefusedError} from './records-error.js';

/** Who changes (`operatorFor`: --operator or the OS user, checked against the roles) and whether --readonly refuses it. */
export type ChangeOptions = {operator: string; readonly?: boolean};

type WriteStore = Awaited<ReturnType<typeof CrmStore.open>>;

/** A refusal of the store (a role, --readonly, a record changed since the version given, an invalid value) as a record command says it: exit 1. */
const refused = (error: MutationError): RecordsRefusedError =>
	new RecordsRefusedError(error.message, error.conflict ? 'conflict' : 'refused', exitCodes.refused, [], error.issues);

/**
 * The data opened for a change by command, `work` run on it, and closed. A file that is not there is
 * said so (exit 2): a record command changes a CRM, it does not start one (`crm seed` does).
 */
const changingStore = async <T>(file: string, options: ChangeOptions, work: (store: WriteStore) => Promise<T>) => {
	const store = await CrmStore.open(file, Date.now, {readonly: options.readonly === true});
	try {
		if (!store.existed) throw new DataFileError(file, t('store.file.notExist'), t('store.file.checkPath'));
		return await work(store);
	} catch (error) {
		if (error instanceof MutationError) throw refused(error);
		throw error;
	} finally {
		await store.close();
	}
};

/**
 * One change by command, as the console makes it: `plan` is given the data as read (to name the
 * record, take its version or check `--if-version`) and returns the mutations, applied as one save
 * through the store — its lock, the versions, the roles, the record rules, the change log and the
 * audit chain. What the store refuses is a RecordsRefusedError (exit 1) in the store's words, with
 * the fields at fault (`issues`) for --json.
 */
export const changeRecords = (
	file: string,
	options: ChangeOptions,
	plan: (data: Dataset, settings: Settings) => readonly Mutation[],
): Promise<ApplyResult> =>
	changingStore(file, options, (store) => store.apply(plan(store.data, store.settings), options.operator));

/** `crm undo`: the operator's last change undone, as `u` undoes it in the console. */
export const undoLastChange = (file: string, options: ChangeOptions): Promise<UndoResult> =>
	changingStore(file, options, (store) => store.undo(options.operator));
