import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {DataTable} from '../../source/ui/components/data-table.js';
import type {ScreenName} from '../../source/ui/state/app-types.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {datasetOf, fixedNow} from '../support/fixtures.js';
import {renderComponent} from '../support/render-component.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const dataset = datasetOf({});
const context = {now: fixedNow, dataset, related: relatedRecords(dataset)};
const emptyList = (entity: ScreenName, filter: string, readPercent?: number) =>
	renderComponent(
		<DataTable
			entity={entity}
			rows={[]}
			list={{cursor: 0, offset: 0, filter, sort: {column: 'created', descending: true}}}
			width={100}
			height={5}
			context={context}
			readPercent={readPercent}
		/>,
		{width: 100},
	).frame();

describe('a list with no rows while the data is still read says so, not that there are none', () => {
	test.each<[ScreenName, string, number | undefined, RegExp]>([
		['tickets', '', 20, /No tickets read yet: the data is read, 20%…/],
		['tickets', '', undefined, /No tickets yet\./],
		['opportunities', 'acme', 63, /No opportunities match “acme” in what is read so far \(63%…\)/],
		['opportunities', 'acme', undefined, /No opportunities match “acme”\. Esc clears the filter\./],
		// A list with words of its own when empty: those only once every record is read.
		['followups', '', 5, /read yet: the data is read, 5%…/],
	])('%s, filter "%s", %s%% read', (entity, filter, percent, said) => {
		const frame = emptyList(entity, filter, percent);
		expect(frame).toMatch(said);
		if (percent !== undefined) expect(frame).not.toMatch(/ yet\.|Nothing to follow up/);
	});

	test('in Chinese', () => {
		setLanguage('zh-CN');
		expect(emptyList('tickets', '', 40)).toMatch(/尚未读到.*正在读取数据，40%…/);
	});
});
