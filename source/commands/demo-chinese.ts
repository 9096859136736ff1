import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import {
	campaignNames,
	companyCities,
	companyKinds,
	companyStems,
	contactPreferences,
	givenNames,
	lostReasons,
	monthNumbers,
	products,
	sentences,
	staffNames,
	surnames,
	wonReasons,
} from './demo-chinese-words.js';
import {slug} from './demo-slug.js';

/**
 * The Chinese demo (`crm seed --lang zh-CN`): the English demo's records with their words in
 * Chinese — names 姓+名, companies 城市+字号+行业+有限公司, the tickets, notes, comments, campaigns,
 * reasons and the staff — and nothing else changed: the same records, ids, dates, stages, amounts
 * and currencies, so every KPI figure is the English demo's. Made from the English records rather
 * than drawn anew, so no word can change a draw. A word without a Chinese one stays as it is (the
 * CJK customers are already in their own script).
 */
export type DemoRecords = Pick<
	Dataset,
	'customers' | 'opportunities' | 'tickets' | 'feedback' | 'campaigns' | 'orders' | 'activities' | 'surveys'
>;

const word = (table: Readonly<Record<string, string>>, english: string): string => table[english] ?? english;

/** A member of the demo's staff (owner, agent, marketer, respondent) by their English name. */
export const chineseStaff = (name: string): string => word(staffNames, name);
export const chineseProduct = (name: string): string => word(products, name);
export const chineseSentence = (text: string): string => word(sentences, text);

/** `Ana Silva` → `王婷婷` (a first name is one word, a last name the rest: `Van der Berg`). */
const personName = (name: string): string => {
	const space = name.indexOf(' ');
	const given = givenNames[name.slice(0, space)];
	const surname = surnames[name.slice(space + 1)];
	return space > 0 && given && surname ? `${surname[0]}${given[0]}` : name;
};

/** `Northwind Logistics Ltd` → `上海北辰物流有限公司`. */
const companyName = (company: string): string => {
	const [stem = '', kind = '', suffix = '', ...rest] = company.split(' ');
	const city = companyCities[suffix];
	return rest.length === 0 && city && companyStems[stem] && companyKinds[kind]
		? `${city}${companyStems[stem][0]}${companyKinds[kind][0]}有限公司`
		: company;
};

const pinyinBySlug = (table: Readonly<Record<string, readonly [string, string]>>): Map<string, string> =>
	new Map(Object.entries(table).map(([english, [, pinyin]]) => [slug(english), pinyin]));
const givenPinyin = pinyinBySlug(givenNames);
const surnamePinyin = pinyinBySlug(surnames);
/** `northwindlogistics` (the English demo's domain) → `beichenwuliu`. */
const domainPinyin = new Map(
	Object.entries(companyStems).flatMap(([stem, [, stemPinyin]]) =>
		Object.entries(companyKinds).map(([kind, [, kindPinyin]]) => [
			`${slug(stem)}${slug(kind)}`,
			stemPinyin + kindPinyin,
		]),
	),
);

/** `ana.silva@northwindlogistics.example` → `wang.tingting@beichenwuliu.example`; a number that kept two apart stays. */
const email = (address: string): string => {
	const match = /^([a-z]+)\.([a-z]+)(\d*)@([a-z]+)\.example$/.exec(address);
	const given = match && givenPinyin.get(match[1]!);
	const surname = match && surnamePinyin.get(match[2]!);
	const domain = match && domainPinyin.get(match[4]!);
	return given && surname && domain ? `${surname}.${given}${match[3]}@${domain}.example` : address;
};

/** The second digit of the Chinese mobile a demo number becomes, by its country code (Japan and Korea keep theirs). */
const mobilePrefix: Readonly<Record<string, string>> = {'1': '3', '44': '5', '49': '8', '33': '9', '86': '6'};

/** Most customers of a Chinese business are in China: `+44 598 747 4916` → `+86 155 9874 7491`. */
const phone = (number: string): string => {
	const match = /^\+(\d+) (\d{3}) (\d{3}) (\d{4})$/.exec(number);
	const prefix = match && mobilePrefix[match[1]!];
	if (!match || !prefix) return number;
	const digits = `${match[2]}${match[3]}${match[4]}`;
	return `+86 1${prefix}${digits[0]} ${digits.slice(1, 5)} ${digits.slice(5, 9)}`;
};

/** `Prefers email. Decision maker: yes.` → `沟通偏好：邮件。决策人：是。` */
const customerNotes = (notes: string): string => {
	const match = /^Prefers (.+)\. Decision maker: (yes|no)\.$/.exec(notes);
	return match
		? `沟通偏好：${word(contactPreferences, match[1]!)}。决策人：${match[2] === 'yes' ? '是' : '否'}。`
		: notes;
};

const customer = (record: Customer): Customer => ({
	...record,
	name: personName(record.name),
	company: companyName(record.company),
	email: email(record.email),
	phone: phone(record.phone),
	owner: chineseStaff(record.owner),
	notes: customerNotes(record.notes),
});

/** `Renewal reminder mailing Mar 2026` → `2026年3月续约提醒邮件`. */
const campaignName = (name: string): string => {
	const match = /^(.+) ([A-Z][a-z]{2}) (\d{4})$/.exec(name);
	const month = match && monthNumbers[match[2]!];
	return match && month ? `${match[3]}年${month}月${word(campaignNames, match[1]!)}` : name;
};

/** Every record of the English demo with its words in Chinese (see the top of this file). */
export const inChinese = (records: DemoRecords): DemoRecords => {
	const customers = records.customers.map(customer);
	const byId = new Map(customers.map((each) => [each.id, each]));
	return {
		customers,
		opportunities: records.opportunities.map((deal) => {
			const client = byId.get(deal.customerId);
			const product = chineseProduct(deal.product);
			return {
				...deal,
				title: client ? `${product}（${client.company || client.name}）` : deal.title,
				product,
				owner: chineseStaff(deal.owner),
				lostReason: word(lostReasons, deal.lostReason),
				...(deal.wonReason === undefined ? {} : {wonReason: word(wonReasons, deal.wonReason)}),
			};
		}),
		tickets: records.tickets.map((ticket) => ({
			...ticket,
			subject: chineseSentence(ticket.subject),
			description: chineseSentence(ticket.description),
			product: chineseProduct(ticket.product),
			owner: chineseStaff(ticket.owner),
			comments: ticket.comments.map((comment) => ({
				...comment,
				author: chineseStaff(comment.author),
				body: chineseSentence(comment.body),
			})),
		})),
		feedback: records.feedback.map((entry) => ({...entry, comment: chineseSentence(entry.comment)})),
		campaigns: records.campaigns.map((campaign) => ({
			...campaign,
			name: campaignName(campaign.name),
			owner: chineseStaff(campaign.owner),
			notes: chineseSentence(campaign.notes),
		})),
		orders: records.orders.map((order) => ({
			...order,
			owner: chineseStaff(order.owner),
			lines: order.lines.map((line) => ({...line, product: chineseProduct(line.product)})),
		})),
		activities: records.activities.map((activity) => ({
			...activity,
			text: chineseSentence(activity.text),
			operator: chineseStaff(activity.operator),
		})),
		surveys: records.surveys.map((response) => ({
			...response,
			operator: chineseStaff(response.operator),
			comment: chineseSentence(response.comment),
		})),
	};
};

type CostNote = {note: string};
type DemoSettings = {
	products: ReadonlyArray<{name: string}>;
	assessment: {roi: {implementation: readonly CostNote[]; operation: readonly CostNote[]}};
};

/** The settings beside a Chinese demo: its products and costs in Chinese, its reasons for deals lost and won, and the console in Chinese. */
export const chineseSettings = <S extends DemoSettings>(settings: S): S & Record<string, unknown> => ({
	...settings,
	language: 'zh-CN',
	lostReasons: Object.values(lostReasons),
	wonReasons: Object.values(wonReasons),
	products: settings.products.map((product) => ({...product, name: chineseProduct(product.name)})),
	assessment: {
		...settings.assessment,
		roi: {
			...settings.assessment.roi,
			implementation: settings.assessment.roi.implementation.map((cost) => ({
				...cost,
				note: chineseSentence(cost.note),
			})),
			operation: settings.assessment.roi.operation.map((cost) => ({...cost, note: chineseSentence(cost.note)})),
		},
	},
});
