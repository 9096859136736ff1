import {t} from '../../i18n/i18n.js';
import {DataFileError} from '../data-file-error.js';
import {readRecords} from '../dataset-codec.js';
import {auditFindings, recordFindings} from '../file-check.js';
import type {Finding} from '../finding.js';
import {readDatabaseForAudit} from './pg-audit.js';

/**
 * `crm doctor` on a database: the server and crm's tables, every record checked as a data file's
 * are (valid, ids used once, references), the audit chain and the roles; and where its backups are.
 * A database that cannot be reached or has no crm tables is refused in one line, as a file that cannot be read.
 */
export const checkDatabase = async (url: string, where: string): Promise<Finding[]> => {
	const read = await readDatabaseForAudit(url);
	const {user, version, schema} = read.server;
	const findings: Finding[] = [
		{
			area: 'Database', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: true,
			summary: t('store.check.databaseConnected', {user, version, schema}),
			details: [],
		},
	];
	let checked: ReturnType<typeof readRecords>;
	try {
		checked = readRecords(where, read.raw);
	} catch (error) {
		findings.push({
			area: 'Records', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: false,
			summary: error instanceof DataFileError ? error.problem : t('store.check.couldNotCheck', {reason: String(error)}),
			details: [],
		});
		return findings;
	}
	findings.push(...recordFindings(checked, read.raw, []));
	findings.push(...(await auditFindings(where, read.raw, read.version, [], [], read.settings)));
	findings.push({
		area: 'Backups', // i18n-exempt: an area's id (doctor says it by areaName)
		ok: true,
		summary: t('store.check.databaseBackups'),
		details: [],
	});
	return findings;
};
