import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {type DerivedFields, derivedFieldsOf, recordMatches, runExport} from '../../source/commands/export.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {CrmStore} from '../../source/store/store.js';
import {valueCustomers} from '../support/customer-values.js';
import {fixedNow} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

const {dataset, byName} = valueCustomers();

describe('crm export --filter on the derived fields', () => {
	const derived = derivedFieldsOf('customers', dataset, defaultSettings(), fixedNow) as DerivedFields;
	it.each([
		['Di Risk', 'value:at-risk', true],
		['Ada Champion', 'value:at-risk', false],
		['Ada Champion', 'value:champions rfm:555', true],
		['Fay Never', 'value:', true],
		['Fay Never', 'rfm:', true],
		['Di Risk', 'value:', false],
		['Di Risk', 'value:nonsense', false],
		// From the start, as the console's columns: `at` is at-risk, not hibernating; `risk` is none.
		['Di Risk', 'value:at', true],
		['Ed Sleeper', 'value:at', false],
		['Di Risk', 'value:risk', false],
		['Ed Sleeper', 'hibernating', true],
		// The record's own segment field is another field.
		['Di Risk', 'segment:at-risk', false],
	])('%s, %j: %s', (name, filter, expected) => {
		expect(recordMatches(byName[name]!, filter, derived)).toBe(expected);
	});

	it('other entities derive nothing; without derived fields value: is a plain word', () => {
		expect(derivedFieldsOf('opportunities', dataset, defaultSettings(), fixedNow)).toBeUndefined();
		expect(recordMatches(byName['Di Risk']!, 'value:at-risk')).toBe(false);
	});
});

describe('crm export customers --filter value:…', () => {
	const names = (csv: string) => {
		const [header, ...rows] = csv.trim().split('\n');
		const column = header!.split(',').indexOf('name');
		return rows.map((row) => row.split(',')[column]);
	};

	it('exports one segment as of now; an unknown segment is the empty result, a header alone', async () => {
		const file = join(tempFolder('export-value'), 'crm.json');
		await CrmStore.create(file, dataset);
		const exported = (filter: string) => runExport(file, {entity: 'customers', format: 'csv', filter, now: fixedNow});
		expect(names(await exported('value:at-risk'))).toEqual(['Di Risk']);
		expect(names(await exported('value:'))).toEqual(['Fay Never']);
		expect(names(await exported('rfm:555'))).toEqual(['Ada Champion']);
		const none = await exported('value:no-such-segment');
		expect(none.trim().split('\n')).toHaveLength(1);
		// The record's own fields only, what crm import reads back: no derived column.
		expect(none.split('\n')[0]!.split(',')).not.toContain('value');
		// Years later nobody has bought in the year: no segment at all.
		const later = await runExport(file, {entity: 'customers', format: 'csv', filter: 'value:', now: fixedNow + 4e10});
		expect(names(later)).toHaveLength(6);
	});
});
