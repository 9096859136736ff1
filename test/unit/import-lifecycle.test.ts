import {existsSync, readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {runExport} from '../../source/commands/export.js';
import {runImport} from '../../source/commands/import/run-import.js';
import {amountLineProduct} from '../../source/domain/import/order-rows.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf, smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
let dataFile: string;
const now = Date.parse('2026-06-01T00:00:00Z');

beforeEach(async () => {
	directory = tempFolder('import-lifecycle');
	dataFile = join(directory, 'crm.json');
	await CrmStore.create(
		dataFile,
		datasetOf({customers: [customer({name: 'Acme', company: 'Acme Corp', email: 'ops@acme.io'})]}),
	);
});

const file = async (name: string, text: string) => {
	const path = join(directory, name);
	await writeFile(path, text);
	return path;
};

const run = async (entity: string, csvText: string, mapping: Record<string, unknown>, dryRun = false) =>
	runImport({
		entity,
		csv: await file(`${entity}.csv`, csvText),
		dataFile,
		map: [await file(`${entity}.json`, JSON.stringify(mapping))],
		operator: 'ana',
		now,
		dryRun,
	});

const data = async () => (await CrmStore.open(dataFile)).data;

/** The reasons in the rejects file a summary names, one line of text per rejected row. */
const rejectsOf = (summary: string): string => {
	const path = /Rejected rows, with their line and reason: (.+)/.exec(summary)?.[1];
	return path ? readFileSync(path.trim(), 'utf8') : '';
};

const campaignsMapping = {
	entity: 'campaigns',
	id: 'Code',
	dates: 'ISO',
	columns: {
		Name: 'name',
		Channel: 'channel',
		Status: 'status',
		Start: 'startAt',
		End: 'endAt',
		Budget: 'budget',
		Spent: 'cost',
		Currency: 'currency',
	},
	values: {
		channel: {Newsletter: 'email', Fair: 'event', Google: 'ads'},
		status: {Done: 'completed', Running: 'active', Planned: 'planned', Stopped: 'cancelled'},
	},
};

const campaignsCsv = [
	'Code,Name,Channel,Status,Start,End,Budget,Spent,Currency',
	'C1,Spring fair,Fair,Done,2026-03-01,2026-03-03,"20,000",21500,EUR',
	'C2,Search push,Google,Running,2026-05-01,,8000,3000,USD',
	'C3,Backwards,Newsletter,Done,2026-04-10,2026-04-01,100,100,USD',
	'C4,Odd,Billboard,Planned,2026-07-01,,0,0,USD',
	'C5,Cheap,Newsletter,Stopped,2026-02-01,2026-02-10,-5,0,USD',
	'',
].join('\n');

describe('campaigns as an import target', () => {
	test('rows become campaigns; an end before the start, an unknown channel, a negative budget are refused naming the field', async () => {
		const summary = await run('campaigns', campaignsCsv, campaignsMapping);
		expect(summary).toMatch(/campaigns?: 2 created, 0 updated, 0 unchanged, 3 rejected/);
		const rejects = rejectsOf(summary);
		expect(rejects).toContain('endAt must not be before the start');
		expect(rejects).toContain('Channel “Billboard” is not one of Newsletter, Fair, Google');
		expect(rejects).toContain('budget must not be negative');
		const {campaigns} = await data();
		expect(campaigns.map((c) => [c.externalId, c.name, c.channel, c.status, c.budget, c.cost, c.currency])).toEqual([
			['C1', 'Spring fair', 'event', 'completed', 20_000, 21_500, 'EUR'],
			['C2', 'Search push', 'ads', 'active', 8000, 3000, 'USD'],
		]);
		expect(campaigns[0]!.startAt).toBe('2026-03-01T00:00:00.000Z');
	});

	test('a second run changes nothing; a completed campaign may not go back to planned', async () => {
		await run('campaigns', campaignsCsv, campaignsMapping);
		expect(await run('campaigns', campaignsCsv, campaignsMapping)).toMatch(/0 created, 0 updated, 2 unchanged/);
		const back = campaignsCsv.replace('C1,Spring fair,Fair,Done', 'C1,Spring fair,Fair,Planned');
		const summary = await run('campaigns', back, campaignsMapping);
		expect(rejectsOf(summary)).toContain('status may not move from completed back to planned');
		expect((await data()).campaigns[0]!.status).toBe('completed');
	});
});

describe('the campaign of customers and deals, by name or external id', () => {
	const customersMapping = {
		entity: 'customers',
		id: 'Email',
		columns: {Name: 'name', Email: 'email'},
		campaign: {column: 'Source', by: 'name'},
	};

	test('found by name in any case; an empty cell is none; a name not found imports with a warning', async () => {
		await run('campaigns', campaignsCsv, campaignsMapping);
		const summary = await run(
			'customers',
			'Name,Email,Source\nAna,ana@x.io,spring FAIR\nBo,bo@x.io,\nCy,cy@x.io,Winter gala\n',
			customersMapping,
		);
		expect(summary).toContain('no campaign with name “Winter gala”: imported without a campaign');
		const {customers, campaigns} = await data();
		const fair = campaigns.find((c) => c.name === 'Spring fair')!;
		expect(customers.map((c) => [c.name, c.campaignId])).toEqual([
			['Acme', undefined],
			['Ana', fair.id],
			['Bo', undefined],
			['Cy', undefined],
		]);
		// No campaign is no key at all, as the store keeps it.
		expect(customers.some((c) => 'campaignId' in c && c.campaignId === undefined)).toBe(false);
	});

	test('a customer keeps the campaign that acquired it when a later file names another', async () => {
		await run('campaigns', campaignsCsv, campaignsMapping);
		await run('customers', 'Name,Email,Source\nAna,ana@x.io,Spring fair\n', customersMapping);
		const summary = await run('customers', 'Name,Email,Source\nAna,ana@x.io,Search push\n', customersMapping);
		expect(summary).toContain('campaign “Search push” not taken: the customer keeps the campaign that acquired it');
		const {customers, campaigns} = await data();
		expect(customers.find((c) => c.name === 'Ana')!.campaignId).toBe(
			campaigns.find((c) => c.name === 'Spring fair')!.id,
		);
	});

	test('one leads file makes its campaigns first, then the customers they acquired', async () => {
		const summary = await run(
			'customers',
			'Name,Email,Campaign,Started\nAna,ana@x.io,Webinar May,2026-05-02\nBo,bo@x.io,Webinar May,2026-05-02\nCy,cy@x.io,,\n',
			{
				targets: [
					{
						entity: 'campaigns',
						id: '{Campaign}',
						requires: ['Campaign'],
						dates: 'ISO',
						columns: {Campaign: 'name', Started: 'startAt'},
						defaults: {channel: 'content', status: 'active'},
					},
					{
						entity: 'customers',
						id: 'Email',
						columns: {Name: 'name', Email: 'email'},
						campaign: {column: 'Campaign', by: 'name'},
					},
				],
			},
		);
		expect(summary).toMatch(/campaign: 1 created, 0 updated, 0 unchanged, 0 rejected, 2 skipped/);
		const {customers, campaigns} = await data();
		expect(campaigns.map((c) => [c.name, c.status, c.startAt])).toEqual([
			['Webinar May', 'active', '2026-05-02T00:00:00.000Z'],
		]);
		expect(customers.filter((c) => c.campaignId === campaigns[0]!.id).map((c) => c.name)).toEqual(['Ana', 'Bo']);
	});

	test('a deal’s campaign by the campaign’s external id', async () => {
		await run('campaigns', campaignsCsv, campaignsMapping);
		await run('opportunities', 'Id,Title,Value,Camp\nD1,Big deal,5000,C2\nD2,Small deal,100,C9\n', {
			entity: 'opportunities',
			id: 'Id',
			columns: {Title: 'title', Value: 'amount'},
			campaign: {column: 'Camp', by: 'externalId'},
		});
		const {opportunities, campaigns} = await data();
		expect(opportunities.map((d) => [d.title, d.campaignId])).toEqual([
			['Big deal', campaigns.find((c) => c.externalId === 'C2')!.id],
			['Small deal', undefined],
		]);
	});

	test.each([
		[
			{entity: 'tickets', id: 'Id', columns: {Subject: 'subject'}, campaign: {column: 'Camp', by: 'name'}},
			'campaign is not for tickets (customers and opportunities have a campaign)',
		],
		[
			{entity: 'customers', id: 'Id', columns: {Name: 'name'}, line: {unitPrice: 'Price'}},
			'line is not for customers (only orders have lines)',
		],
		[
			{entity: 'customers', id: 'Id', columns: {Name: 'name'}, opportunity: {column: 'Deal', by: 'title'}},
			'opportunity is not for customers (only orders follow a deal)',
		],
		[
			{entity: 'customers', id: 'Id', columns: {Name: 'name'}, campaign: {column: 'Nowhere', by: 'name'}},
			'has no column “Nowhere”',
		],
		[{entity: 'campaigns', id: 'Id', columns: {Name: 'title'}}, 'title is not a field of campaigns'],
		[
			{entity: 'customers', id: 'Id', columns: {Name: 'name'}, campaign: {column: 'Camp', by: 'email'}},
			'field "campaign.by"',
		],
	])('a mapping that does not fit is refused before any row is read: %j', async (mapping, words) => {
		const before = readFileSync(dataFile, 'utf8');
		await expect(run(mapping.entity, 'Id,Name,Subject,Camp,Price,Deal\n1,A,B,C,1,D\n', mapping)).rejects.toThrow(words);
		expect(readFileSync(dataFile, 'utf8')).toBe(before);
	});
});

describe('mapping files for campaigns and orders: a mistake is named by the mapping file’s line and field', () => {
	const mappingText = (body: string) => `{\n  "entity": "orders",\n  "id": "Id",\n${body}\n}\n`;
	test.each([
		['  "line": {"product": "P"}', /orders\.json, line 4: field "line\.unitPrice"/],
		['  "line": {"unitPrice": "Nope"}', /orders\.json, line 4: .*orders\.csv has no column “Nope”/],
		['  "opportunity": {"column": "Deal", "by": "name"}', /orders\.json, line 4: field "opportunity\.by"/],
		['  "fallbacks": {"colour": "red"}', /orders\.json, line 4: colour is not a field of orders/],
		['  "columns": {"Price": "price"}', /orders\.json, line 4: price is not a field of orders/],
		[
			'  "columns": {"Price": "amount"},\n  "campaign": {"column": "Deal", "by": "name"}',
			/orders\.json, line 5: campaign is not for orders/,
		],
	])('%s', async (body, words) => {
		const mapping = await file('orders.json', mappingText(body));
		await expect(
			runImport({
				entity: 'orders',
				csv: await file('orders.csv', 'Id,Price,Deal,P\n1,2,3,4\n'),
				dataFile,
				map: [mapping],
				operator: 'ana',
				now,
			}),
		).rejects.toThrow(words);
	});
});

const ordersMapping = {
	entity: 'orders',
	id: 'Order',
	dates: 'ISO',
	columns: {Number: 'number', Status: 'status', Date: 'orderedAt', Paid: 'paidAt', Currency: 'currency'},
	values: {status: {Open: 'confirmed', Paid: 'paid', Draft: 'draft', Void: 'cancelled'}},
	customer: {column: 'Email', by: 'email'},
	line: {product: 'Product', quantity: 'Qty', unitPrice: 'Price', discount: 'Discount'},
};

describe('orders as an import target', () => {
	const ordersCsv = [
		'Order,Number,Email,Status,Date,Paid,Currency,Product,Qty,Price,Discount',
		'O1,SO-2026-0100,ops@acme.io,Paid,2026-04-02,2026-04-20,USD,Core Platform,2,"1,200",10%',
		'O2,,ops@acme.io,Open,2026-05-02,,CNY,Support Plus,,16500,0.05',
		'O3,,ops@acme.io,Draft,2025-12-30,,USD,Training Day,0,1200,',
		'O4,,ops@acme.io,Open,2026-05-03,,USD,,1,100,',
		'O5,,ops@acme.io,Open,2026-05-03,,USD,Gadget,1,100,10',
		'O6,SO-2026-0100,ops@acme.io,Open,2026-05-03,,USD,Gadget,1,100,',
		'O7,,nobody@x.io,Void,2026-05-04,,USD,Gadget,3,-1,',
		'',
	].join('\n');

	test('a line from product, quantity, unit price and discount columns; numbers given or by the store; bad lines refused in words', async () => {
		const summary = await run('orders', ordersCsv, ordersMapping);
		expect(summary).toMatch(/orders?: 2 created, 0 updated, 0 unchanged, 5 rejected/);
		for (const words of [
			'Qty “0”: the quantity of an order line must be more than 0',
			'Product is empty: an order line names its product',
			'Discount “10” is not a discount: write a share from 0 to 1 (0.1) or a percentage from 0% to 100% (10%)',
			'number SO-2026-0100 is already taken by another order',
			'Price “-1”: the unit price must not be negative',
		])
			expect(rejectsOf(summary)).toContain(words);
		const [paid, open] = (await data()).orders;
		expect(paid).toMatchObject({
			number: 'SO-2026-0100',
			status: 'paid',
			paidAt: '2026-04-20T00:00:00.000Z',
			lines: [{product: 'Core Platform', quantity: 2, unitPrice: 1200, discount: 0.1}],
			amount: 2160,
			currency: 'USD',
		});
		expect(open).toMatchObject({
			// The store's next number of the year: after the highest given (0100, brought by the file).
			number: 'SO-2026-0101',
			status: 'confirmed',
			lines: [{product: 'Support Plus', quantity: 1, unitPrice: 16_500, discount: 0.05}],
			amount: 15_675,
			currency: 'CNY',
		});
		expect(await run('orders', ordersCsv, ordersMapping)).toMatch(/0 created, 0 updated, 2 unchanged, 5 rejected/);
	});

	test('an order written one row per line is one order with every line; a bad further line refuses the order, naming it', async () => {
		const lines = [
			'Order,Email,Status,Date,Currency,Product,Qty,Price,Discount',
			'O1,ops@acme.io,Open,2026-05-01,USD,Core Platform,1,12000,',
			'O2,ops@acme.io,Open,2026-05-02,USD,Training Day,2,1200,',
			'O1,ops@acme.io,Open,2026-05-01,USD,Training Day,3,1200,0.5',
			'O3,ops@acme.io,Open,2026-05-03,USD,Core Platform,1,12000,',
			'O3,ops@acme.io,Open,2026-05-03,USD,Support Plus,0,2400,',
			'',
		].join('\n');
		const summary = await run('orders', lines, {
			...ordersMapping,
			columns: {Status: 'status', Date: 'orderedAt', Currency: 'currency'},
		});
		expect(summary).toMatch(/orders?: 2 created, 0 updated, 0 unchanged, 1 rejected, 2 skipped/);
		expect(rejectsOf(summary)).toContain(
			'line 6 of the file: Qty “0”: the quantity of an order line must be more than 0',
		);
		const orders = (await data()).orders;
		expect(orders.map((order) => [order.externalId, order.lines.map((line) => line.product), order.amount])).toEqual([
			['O1', ['Core Platform', 'Training Day'], 13_800],
			['O2', ['Training Day'], 2400],
		]);
		expect(
			await run('orders', lines, {
				...ordersMapping,
				columns: {Status: 'status', Date: 'orderedAt', Currency: 'currency'},
			}),
		).toMatch(/0 created, 0 updated, 2 unchanged, 1 rejected, 2 skipped/);
	});

	test('a single line from an amount column, and the deal by its external id', async () => {
		await run('opportunities', 'Id,Title,Value\nD1,Big deal,5000\n', {
			entity: 'opportunities',
			id: 'Id',
			columns: {Title: 'title', Value: 'amount'},
		});
		const summary = await run('orders', 'Id,Total,Deal,Date\nA,"4,500.50",D1,2026-05-01\nB,10,D9,2026-05-02\n', {
			entity: 'orders',
			id: 'Id',
			dates: 'ISO',
			columns: {Total: 'amount', Date: 'orderedAt'},
			opportunity: {column: 'Deal', by: 'externalId'},
		});
		expect(summary).toContain('no deal with externalId “D9”: imported without a deal');
		const {orders, opportunities} = await data();
		expect(orders.map((o) => [o.opportunityId, o.lines, o.amount, o.status])).toEqual([
			[
				opportunities[0]!.id,
				[{product: amountLineProduct, quantity: 1, unitPrice: 4500.5, discount: 0}],
				4500.5,
				'draft',
			],
			[null, [{product: amountLineProduct, quantity: 1, unitPrice: 10, discount: 0}], 10, 'draft'],
		]);
	});

	test('a paid order without lines is refused, nothing of it saved', async () => {
		const summary = await run('orders', 'Id,Status,Date,Paid\nA,paid,2026-05-01,2026-05-02\n', {
			entity: 'orders',
			id: 'Id',
			dates: 'ISO',
			columns: {Status: 'status', Date: 'orderedAt', Paid: 'paidAt'},
		});
		expect(rejectsOf(summary)).toContain('lines must have at least one line for a paid order');
		expect((await data()).orders).toEqual([]);
	});
});

describe('export and import of campaigns and orders', () => {
	test('every entity exports; order lines are one JSON cell; no cell starts a spreadsheet formula; the export reads back exact', async () => {
		const demo = smallDemo();
		const hostile = {
			...demo,
			campaigns: demo.campaigns.map((c, index) => (index === 0 ? {...c, name: '=HYPERLINK("x")', notes: '+1 555'} : c)),
		};
		const source = join(directory, 'source.json');
		await CrmStore.create(source, hostile);
		const target = join(directory, 'target.json');
		for (const entity of ['customers', 'opportunities', 'tickets', 'campaigns', 'orders'] as const) {
			const text = await runExport(source, {entity, format: 'csv'});
			for (const line of text.split('\n').slice(1)) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
			if (entity === 'orders') expect(text).toMatch(/"\[\{""product"":""[^"]+"",""quantity"":/);
			await runImport({entity, csv: await file(`${entity}.csv`, text), dataFile: target, operator: 'ana', now});
		}
		const back = (await CrmStore.open(target)).data;
		const strip = <R extends {updatedAt: string; version: number; externalId: string | null}>(records: readonly R[]) =>
			records.map(({updatedAt: _u, version: _v, externalId: _e, ...rest}) => rest);
		expect(strip(back.campaigns)).toEqual(strip(hostile.campaigns));
		expect(strip(back.orders)).toEqual(strip(hostile.orders));
		expect(strip(back.customers)).toEqual(strip(hostile.customers));
	});
});

const supportTickets = new URL(
	'../../../shared/datasets/support-tickets/customer_support_tickets.csv',
	import.meta.url,
);

describe.runIf(existsSync(supportTickets))('the shipped support-tickets mapping', () => {
	test('maps the export’s ticket types onto inquiry, complaint, request and incident, and keeps its own words as a tag', async () => {
		const mapping = new URL('../../data/mappings/support-tickets.json', import.meta.url).pathname;
		await runImport({entity: 'tickets', csv: supportTickets.pathname, dataFile, map: [mapping], operator: 'ana', now});
		const {tickets} = await data();
		const rows = readFileSync(supportTickets, 'utf8').split('\n').length - 2;
		expect(tickets).toHaveLength(rows);
		const count = (type: string) => tickets.filter((ticket) => ticket.type === type).length;
		expect([count('incident'), count('inquiry'), count('complaint'), count('request')]).toEqual([
			580,
			544 + 533,
			596,
			516,
		]);
		expect(
			tickets.filter((ticket) => ticket.tags.includes('Refund request')).every((t) => t.type === 'complaint'),
		).toBe(true);
	}, 30_000);

	test('a type the mapping does not know imports as an inquiry, with a warning naming it (never dropped silently)', async () => {
		const mapping = new URL('../../data/mappings/support-tickets.json', import.meta.url).pathname;
		const header = readFileSync(supportTickets, 'utf8').split('\n')[0]!;
		const row =
			'9001,Ana Silva,ana@x.io,30,Female,Dell XPS,2020-07-14,Feature wish,Other,Low,Email,2023-06-01 11:14,2023-06-01 18:05,4';
		const summary = await runImport({
			entity: 'tickets',
			csv: await file('one.csv', `${header}\n${row}\n`),
			dataFile,
			map: [mapping],
			operator: 'ana',
			now,
		});
		expect(summary).toContain('Ticket_Type “Feature wish” is not one of');
		expect(summary).toContain('imported as type inquiry');
		const [ticket] = (await data()).tickets;
		expect([ticket!.type, ticket!.tags]).toEqual(['inquiry', ['Feature wish']]);
	});
});
