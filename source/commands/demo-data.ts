import type {Activity} from '../domain/activity.js';
import type {Customer} from '../domain/customer.js';
import {currentSchemaVersion, type Dataset, entityIdPrefix} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import {newId} from '../domain/ids.js';
import {defaultProbability, type Opportunity, type OpportunityStage, openStages} from '../domain/opportunity.js';
import {defaultSlaHours, dueAtFor, type Ticket, type TicketComment, type TicketPriority} from '../domain/ticket.js';
import {clamp, day, hour} from '../domain/units.js';
import type {Language} from '../i18n/language.js';
import {acquiredByCampaigns, makeCampaigns} from './demo-campaigns.js';
import {chineseStaff, type DemoRecords, inChinese} from './demo-chinese.js';
import {demoDealHistory} from './demo-deal-history.js';
import {demoHistory} from './demo-history.js';
import {makeOrders} from './demo-orders.js';
import {makeFollowUps, typedTickets} from './demo-service.js';
import {slug} from './demo-slug.js';
import {demoGoLive, makeSurveyResponses} from './demo-surveys.js';
import {createRandomSource, type RandomSource} from './random-source.js';

export type DemoOptions = {
	seed: string;
	/** The dataset ends here; everything happens in the `months` before it. */
	now: Date;
	months: number;
	customers: number;
	opportunities: number;
	tickets: number;
	feedback: number;
	/** The demo's words: English, or Chinese (demo-chinese.ts: the same records, their words in Chinese). */
	language?: Language;
};

export const defaultDemoSizes = {customers: 300, opportunities: 900, tickets: 600, feedback: 500} as const;

const firstNames = [
	'Ana',
	'Ben',
	'Carla',
	'David',
	'Elena',
	'Farid',
	'Grace',
	'Hugo',
	'Irene',
	'Jonas',
	'Kara',
	'Liam',
	'Maya',
	'Noah',
	'Olivia',
	'Pablo',
	'Quinn',
	'Rosa',
	'Samir',
	'Tara',
	'Umar',
	'Vera',
	'Wes',
	'Ximena',
	'Yusuf',
	'Zoe',
	'Amara',
	'Björn',
	'Chloé',
	'Dmitri',
	'Émile',
	'Fatima',
	'Giulia',
	'Hannah',
	'Ines',
	'José',
	'Kofi',
	'Lena',
	'Mateo',
	'Nadia',
];
const lastNames = [
	'Silva',
	'Novak',
	'Okafor',
	'Schmidt',
	'García',
	'Johansson',
	'Moreau',
	'Rossi',
	'Kowalski',
	'Nguyen',
	'Patel',
	'Haddad',
	'Murphy',
	'Fischer',
	'Costa',
	'Ivanova',
	'Brennan',
	'Dubois',
	'Larsen',
	'Mensah',
	"O'Neill",
	'Van der Berg',
	'Müller',
	'Andersson',
	'Rahman',
	'Torres',
	'Walsh',
	'Yilmaz',
];
/** CJK customers with the romanised form their email uses: the console must align them (two cells per character). */
const cjkPeople: ReadonlyArray<readonly [string, string]> = [
	['王伟', 'wang.wei'],
	['李娜', 'li.na'],
	['张敏', 'zhang.min'],
	['刘洋', 'liu.yang'],
	['陈静', 'chen.jing'],
	['杨磊', 'yang.lei'],
	['赵丽', 'zhao.li'],
	['黄强', 'huang.qiang'],
	['周婷', 'zhou.ting'],
	['吴刚', 'wu.gang'],
	['佐藤 健', 'ken.sato'],
	['鈴木 花子', 'hanako.suzuki'],
	['高橋 翔', 'sho.takahashi'],
	['田中 美咲', 'misaki.tanaka'],
	['渡辺 大輔', 'daisuke.watanabe'],
	['김민준', 'minjun.kim'],
	['이서연', 'seoyeon.lee'],
	['박지훈', 'jihoon.park'],
	['최수아', 'sua.choi'],
	['정하은', 'haeun.jung'],
];
const cjkCompanies: ReadonlyArray<readonly [string, string]> = [
	['北京星辰科技', 'xingchen.cn'],
	['上海华信贸易', 'huaxin.cn'],
	['深圳云帆电子', 'yunfan.cn'],
	['株式会社サクラ商事', 'sakura-shoji.jp'],
	['東京デジタル合同会社', 'tokyo-digital.jp'],
	['大阪精機株式会社', 'osaka-seiki.jp'],
	['서울테크', 'seoultech.kr'],
	['한빛소프트웨어', 'hanbit.kr'],
];
const companyStems = [
	'Northwind',
	'Bluebird',
	'Cedar',
	'Granite',
	'Harbor',
	'Ironclad',
	'Juniper',
	'Keystone',
	'Lumen',
	'Maple',
	'Nimbus',
	'Orchard',
	'Pioneer',
	'Quarry',
	'Redwood',
	'Summit',
	'Tidewater',
	'Upland',
	'Vantage',
	'Willow',
	'Zenith',
	'Atlas',
	'Beacon',
	'Copper',
	'Delta',
	'Ember',
	'Falcon',
	'Glacier',
	'Horizon',
	'Indigo',
];
const companyKinds = [
	'Logistics',
	'Health',
	'Foods',
	'Systems',
	'Labs',
	'Retail',
	'Energy',
	'Studios',
	'Partners',
	'Manufacturing',
	'Analytics',
	'Clinics',
	'Outfitters',
	'Finance',
];
const companySuffixes = ['Ltd', 'Inc', 'GmbH', 'LLC', 'S.A.', 'AB', 'Co', 'BV'];
const salesReps = ['Dana Whitfield', 'Marcus Lee', 'Priya Raman', 'Tomás Ortega', 'Sofia Lindqvist', 'Kenji Mori'];
const serviceAgents = ['Alex Kim', 'Jordan Blake', 'Riley Chen', 'Sam Okoro', 'Taylor Brooks'];
const customerTags = ['vip', 'reseller', 'newsletter', 'trial', 'partner', 'renewal-due', 'upsell', 'reference'];
const products = [
	'Core Platform',
	'Analytics Add-on',
	'Support Plus',
	'Data Connector',
	'Mobile Suite',
	'Onboarding Package',
	'Enterprise Licence',
	'Training Day',
];
const lostReasons = ['price', 'competitor', 'no decision', 'timing', 'missing feature', 'budget cut'];
const wonReasons = ['product fit', 'price', 'relationship', 'timing', 'referral', 'support'];
const ticketTopics: ReadonlyArray<readonly [string, string]> = [
	['Cannot log in after password reset', 'The reset link works but the new password is refused.'],
	['Invoice shows the wrong VAT rate', 'Our last invoice applied 19% instead of 7%.'],
	['Export to CSV times out', 'Exports with more than 20k rows never finish.'],
	['Request: add a second admin', 'Please give our finance lead admin rights.'],
	['Data connector stopped syncing', 'No new records have arrived since yesterday morning.'],
	['Mobile app crashes on start', 'The app closes right after the splash screen on Android 15.'],
	['How do I change our billing address?', 'We moved offices and need the address updated.'],
	['Dashboard numbers do not match report', 'Revenue on the dashboard differs from the monthly report.'],
	['Training session reschedule', 'Can we move the training to next week?'],
	['API rate limit too low', 'We hit 429 responses during the nightly import.'],
	['Duplicate contacts after import', 'Every contact from the spreadsheet appears twice.'],
	['Licence renewal quote', 'Please send a renewal quote for 40 seats.'],
];
const praise = [
	'Quick and friendly help, thank you.',
	'Solved on the first reply.',
	'Great product, the team loves it.',
	'Support went above and beyond.',
	'Clear answers, fast turnaround.',
];
const neutral = [
	'Fine, but it took a while.',
	'Okay overall.',
	'Solved, though I had to explain twice.',
	'Does the job.',
];
const complaints = [
	'Waited days for an answer.',
	'Still not fixed properly.',
	'Too expensive for what we get.',
	'Nobody called back as promised.',
	'The same bug came back again.',
];

const iso = (time: number): string => new Date(time).toISOString();

type Span = {start: number; end: number};

/** A time in the span, denser towards the end when `growth` > 0: the business grows. */
const growingTime = (random: RandomSource, span: Span, growth: number): number => {
	const u = random.next();
	// Inverse CDF of a density proportional to 1 + growth·x on [0, 1].
	const x = growth === 0 ? u : (-1 + Math.sqrt(1 + growth * (2 + growth) * u)) / growth;
	return span.start + x * (span.end - span.start);
};

/** A moment while `customer` was a customer (from joining until churn), denser later with `growth`. */
const timeInCustomerLife = (random: RandomSource, span: Span, customer: Customer, growth: number): number => {
	const from = Math.max(span.start, Date.parse(customer.createdAt));
	const until = customer.churnedAt ? Date.parse(customer.churnedAt) : span.end;
	return growingTime(random, {start: from, end: Math.max(from + hour, until)}, growth);
};

/** 0 at the start of the span, 1 at its end: drives the trends (win rate, response times, satisfaction). */
const progress = (span: Span, time: number): number => clamp((time - span.start) / (span.end - span.start), 0, 1);

const makeCustomers = (random: RandomSource, options: DemoOptions, span: Span): Customer[] => {
	const customers: Customer[] = [];
	const usedEmails = new Set<string>();
	for (let index = 0; index < options.customers; index++) {
		const createdAt = growingTime(random, span, 1.2);
		const isCjk = random.chance(0.12);
		let name: string;
		let company: string;
		let local: string;
		let domain: string;
		if (isCjk) {
			[name, local] = random.pick(cjkPeople);
			[company, domain] = random.pick(cjkCompanies);
		} else {
			const first = random.pick(firstNames);
			const last = random.pick(lastNames);
			name = `${first} ${last}`;
			local = `${slug(first)}.${slug(last)}`;
			const stem = random.pick(companyStems);
			company = `${stem} ${random.pick(companyKinds)} ${random.pick(companySuffixes)}`;
			domain = `${slug(stem)}${slug(company.split(' ')[1]!)}.example`;
		}
		let email = `${local}@${domain}`;
		// A few real-world duplicates (the same person entered twice) stay; other clashes get a number.
		if (usedEmails.has(email) && !random.chance(0.15)) email = `${local}${index}@${domain}`;
		usedEmails.add(email);
		const age = span.end - createdAt;
		const status =
			age < 45 * day && random.chance(0.5)
				? 'lead'
				: random.chance(0.04 + 0.12 * (age / (span.end - span.start)))
					? 'churned'
					: random.chance(0.08)
						? 'lead'
						: 'active';
		const churnedAt = status === 'churned' ? createdAt + (0.2 + 0.8 * random.next()) * age : null;
		const segment = random.weighted([
			['smb', 5],
			['mid-market', 3],
			['enterprise', 1.2],
			['consumer', 1],
		] as const);
		const tags = customerTags.filter(() => random.chance(0.12));
		customers.push({
			id: newId(entityIdPrefix.customers, random.next),
			externalId: null,
			name,
			company: segment === 'consumer' ? '' : company,
			email: random.chance(0.04) ? '' : email,
			phone: random.chance(0.1)
				? ''
				: `+${random.pick(['1', '44', '49', '33', '81', '86', '82'])} ${random.int(100, 999)} ${random.int(100, 999)} ${random.int(1000, 9999)}`,
			owner: random.chance(0.03) ? '' : random.pick(salesReps),
			segment: random.chance(0.03) ? '' : segment,
			status,
			churnedAt: churnedAt === null ? null : iso(churnedAt),
			tags,
			notes: random.chance(0.3)
				? `Prefers ${random.pick(['email', 'phone calls', 'short meetings', 'written proposals'])}. Decision maker: ${random.chance(0.5) ? 'yes' : 'no'}.`
				: '',
			createdAt: iso(createdAt),
			updatedAt: iso(churnedAt ?? createdAt),
			version: 1,
		});
	}
	return customers.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

const amountFor = (random: RandomSource, segment: string): number => {
	const median =
		segment === 'enterprise' ? 90_000 : segment === 'mid-market' ? 24_000 : segment === 'consumer' ? 900 : 6_000;
	return Math.round(random.logNormal(median, 0.55) / 50) * 50;
};

const makeOpportunities = (
	random: RandomSource,
	options: DemoOptions,
	span: Span,
	customers: Customer[],
): Opportunity[] => {
	const deals: Opportunity[] = [];
	for (let index = 0; index < options.opportunities; index++) {
		const customer = random.pick(customers);
		const createdAt = timeInCustomerLife(random, span, customer, 0.8);
		const trend = progress(span, createdAt);
		// After the CRM goes live deals close faster and more often.
		const cycleDays = random.logNormal(62 - 28 * trend, 0.45);
		const closesAt = createdAt + cycleDays * day;
		let stage: OpportunityStage;
		let closedAt: number | null = null;
		if (closesAt < span.end) {
			stage = random.chance(0.27 + 0.17 * trend) ? 'won' : 'lost';
			closedAt = closesAt;
		} else {
			const share = (span.end - createdAt) / (closesAt - createdAt);
			stage = openStages[clamp(Math.floor(share * openStages.length), 0, openStages.length - 1)]!;
		}
		const product = random.pick(products);
		const probability =
			random.chance(0.15) && stage !== 'won' && stage !== 'lost'
				? Math.round(random.next() * 20) / 20
				: defaultProbability[stage];
		deals.push({
			id: newId(entityIdPrefix.opportunities, random.next),
			externalId: null,
			customerId: customer.id,
			title: `${product} for ${customer.company || customer.name}`,
			product,
			stage,
			amount: amountFor(random, customer.segment),
			currency: 'USD',
			probability,
			owner: customer.owner || random.pick(salesReps),
			expectedCloseAt: closedAt === null ? iso(Math.max(closesAt, span.end + day)) : null,
			closedAt: closedAt === null ? null : iso(closedAt),
			lostReason: stage === 'lost' ? random.pick(lostReasons) : '',
			// From the deal's own figures, not the generator: every other value of the demo stays as it was.
			...(stage === 'won'
				? {wonReason: wonReasons[(deals.length * 7 + Math.round(createdAt / day)) % wonReasons.length]!}
				: {}),
			tags: random.chance(0.1) ? ['upsell'] : [],
			notes: '',
			createdAt: iso(createdAt),
			updatedAt: iso(closedAt ?? createdAt),
			version: 1,
		});
	}
	return deals.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

const makeTickets = (random: RandomSource, options: DemoOptions, span: Span, customers: Customer[]): Ticket[] => {
	const tickets: Ticket[] = [];
	const served = customers.filter((customer) => customer.status !== 'lead');
	const pool = served.length > 0 ? served : customers;
	for (let index = 0; index < options.tickets; index++) {
		const customer = random.pick(pool);
		const createdAt = timeInCustomerLife(random, span, customer, 1);
		const trend = progress(span, createdAt);
		const priority: TicketPriority = random.weighted([
			['low', 20],
			['normal', 50],
			['high', 22],
			['urgent', 8],
		] as const);
		const sla = defaultSlaHours[priority];
		const [subject, description] = random.pick(ticketTopics);
		const owner = random.pick(serviceAgents);
		const firstResponse = createdAt + random.logNormal(Math.min(sla * 0.4, 9 - 6.5 * trend), 0.8) * hour;
		// SLA compliance improves from about 70% to about 92% over the span.
		const meetsSla = random.chance(0.7 + 0.22 * trend);
		const resolution = meetsSla
			? firstResponse + random.next() * Math.max(0.1, createdAt + sla * hour - firstResponse)
			: createdAt + sla * hour * (1.1 + random.logNormal(0.6, 0.6));
		const responded = firstResponse < span.end;
		const resolved = resolution < span.end && responded;
		const status = resolved
			? span.end - resolution > 3 * day || random.chance(0.3)
				? 'closed'
				: 'resolved'
			: responded
				? random.pick(['open', 'pending'] as const)
				: 'open';
		const comments: TicketComment[] = [];
		if (responded)
			comments.push({
				at: iso(firstResponse),
				author: owner,
				body: 'Thanks for reaching out, we are looking into it.',
				kind: 'reply',
			});
		if (resolved)
			comments.push({
				at: iso(Math.max(resolution, firstResponse)),
				author: owner,
				body: 'This should be fixed now; please let us know if not.',
				kind: 'reply',
			});
		const resolvedAt = resolved ? Math.max(resolution, firstResponse) : null;
		tickets.push({
			id: newId(entityIdPrefix.tickets, random.next),
			externalId: null,
			customerId: customer.id,
			subject,
			description,
			priority,
			status,
			channel: random.weighted([
				['email', 45],
				['phone', 15],
				['chat', 25],
				['web', 12],
				['social', 3],
			] as const),
			product: random.pick(products),
			owner,
			dueAt: dueAtFor(iso(createdAt), priority),
			firstResponseAt: responded ? iso(firstResponse) : null,
			resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
			comments,
			tags: [],
			createdAt: iso(createdAt),
			updatedAt: iso(resolvedAt ?? (responded ? firstResponse : createdAt)),
			version: 1,
		});
	}
	return tickets.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

const makeFeedback = (
	random: RandomSource,
	options: DemoOptions,
	span: Span,
	customers: Customer[],
	tickets: Ticket[],
): Feedback[] => {
	const feedback: Feedback[] = [];
	const closed = tickets.filter((ticket) => ticket.resolvedAt !== null);
	const customersById = new Map(customers.map((customer) => [customer.id, customer]));
	for (let index = 0; index < options.feedback; index++) {
		const ticket = closed.length > 0 && random.chance(0.6) ? random.pick(closed) : null;
		const customer = ticket ? customersById.get(ticket.customerId)! : random.pick(customers);
		const after = ticket ? Date.parse(ticket.resolvedAt!) : Math.max(span.start, Date.parse(customer.createdAt));
		const createdAt = Math.min(
			span.end - 1,
			ticket
				? after + random.logNormal(20, 0.7) * hour
				: growingTime(random, {start: after, end: Math.max(after + hour, span.end)}, 1),
		);
		const trend = progress(span, createdAt);
		const slaMissed = ticket !== null && Date.parse(ticket.resolvedAt!) > Date.parse(ticket.dueAt);
		const mood = clamp(3.3 + 1.0 * trend - (slaMissed ? 1.2 : 0) + (random.next() - 0.5) * 2.6, 1, 5);
		const rating = Math.round(mood);
		const nps = random.chance(0.75) ? clamp(Math.round(rating * 2 - 1 + (random.next() - 0.4) * 3), 0, 10) : null;
		feedback.push({
			id: newId(entityIdPrefix.feedback, random.next),
			externalId: null,
			customerId: customer.id,
			ticketId: ticket ? ticket.id : null,
			rating,
			nps,
			comment: random.chance(0.7) ? random.pick(rating >= 4 ? praise : rating === 3 ? neutral : complaints) : '',
			channel: ticket ? 'survey' : random.pick(['email', 'phone', 'review', 'survey'] as const),
			tags: [],
			createdAt: iso(createdAt),
			updatedAt: iso(createdAt),
			version: 1,
		});
	}
	return feedback.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

const activityTexts: Record<Exclude<Activity['kind'], 'follow_up'>, readonly string[]> = {
	note: [
		'Asked about volume discounts.',
		'Renewal budget confirmed for next quarter.',
		'New IT lead joined; send onboarding pack.',
		'Prefers quarterly invoices.',
	],
	call: [
		'Discovery call: pains around reporting.',
		'Follow-up call on the proposal.',
		'Check-in call; happy with support.',
		'Call about the delayed delivery.',
	],
	meeting: [
		'Demo for the operations team.',
		'Quarterly business review.',
		'On-site workshop on data import.',
		'Contract negotiation meeting.',
	],
	email: [
		'Sent the revised quote.',
		'Shared the case study they asked for.',
		'Confirmed the training dates.',
		'Sent the renewal reminder.',
	],
};

/** The timeline: notes, calls, meetings and emails logged by the customer's owner. */
const makeActivities = (random: RandomSource, span: Span, customers: Customer[]): Activity[] => {
	const activities: Activity[] = [];
	for (const customer of customers) {
		const count = random.int(0, 4);
		for (let index = 0; index < count; index++) {
			const at = timeInCustomerLife(random, span, customer, 0.5);
			const kind = random.weighted([
				['note', 3],
				['call', 3],
				['meeting', 2],
				['email', 4],
			] as const);
			activities.push({
				id: newId(entityIdPrefix.activities, random.next),
				externalId: null,
				customerId: customer.id,
				kind,
				at: iso(at),
				text: random.pick(activityTexts[kind]),
				operator: customer.owner || random.pick(salesReps),
				createdAt: iso(at),
				updatedAt: iso(at),
				version: 1,
			});
		}
	}
	return activities.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

/**
 * A realistic, deterministic CRM: the same options always give the same bytes. The records of
 * issue 15 (campaigns, orders, ticket types, follow-ups, the log of the last months) and the deals'
 * stage histories of issue 17 come from random sources of their own, so the customers, deals,
 * tickets and feedback stay as they were (a deal with a history but for its version and updatedAt).
 */
export const generateDemoDataset = (options: DemoOptions): Dataset => {
	const random = createRandomSource(options.seed);
	const end = options.now.getTime();
	const start = new Date(options.now);
	start.setUTCMonth(start.getUTCMonth() - options.months);
	const span: Span = {start: start.getTime(), end};
	const customers = makeCustomers(random, options, span);
	const opportunities = customers.length > 0 ? makeOpportunities(random, options, span, customers) : [];
	const tickets = typedTickets(customers.length > 0 ? makeTickets(random, options, span, customers) : []);
	const feedback = customers.length > 0 ? makeFeedback(random, options, span, customers, tickets) : [];
	const activities = makeActivities(random, span, customers);
	const marketing = createRandomSource(`${options.seed}/campaigns`);
	const campaigns = makeCampaigns(marketing, span);
	const acquired = acquiredByCampaigns(marketing, campaigns, customers, opportunities);
	const orders = makeOrders(createRandomSource(`${options.seed}/orders`), span, acquired.customers, opportunities);
	const followUps = makeFollowUps(createRandomSource(`${options.seed}/follow-ups`), span, customers, tickets);
	const surveys = makeSurveyResponses(
		createRandomSource(`${options.seed}/surveys`),
		demoGoLive(options.now, options.months),
		end,
	);
	const english: DemoRecords = {
		customers: acquired.customers,
		opportunities: acquired.opportunities,
		tickets,
		feedback,
		campaigns,
		orders,
		activities: [...activities, ...followUps].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
		surveys,
	};
	// The words change before the log is written: it holds the records as they are.
	const records = options.language === 'zh-CN' ? inChinese(english) : english;
	const deals = demoDealHistory(createRandomSource(`${options.seed}/deal-history`), records.opportunities, end);
	const dataset: Dataset = {
		schemaVersion: currentSchemaVersion,
		customers: records.customers,
		opportunities: deals.opportunities,
		tickets: records.tickets,
		feedback: records.feedback,
		campaigns: records.campaigns,
		orders: records.orders,
		activities: records.activities,
		audiences: [],
		surveys: records.surveys,
		changes: [],
	};
	return {
		...dataset,
		changes: demoHistory(
			createRandomSource(`${options.seed}/history`),
			dataset,
			end,
			deals.entries,
			options.language === 'zh-CN' ? chineseStaff : undefined,
		),
	};
};
