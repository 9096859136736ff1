import type {ChangeEntry} from './change-log.js';
import type {Customer} from './customer.js';
import type {Dataset} from './dataset.js';
import type {SurveyResponse} from './survey.js';

let segmenter: Intl.Segmenter | undefined;
/** Made when first needed: a process's first segmenter costs some 15–25 ms, not to be paid at every start. */
const graphemes = (text: string): Intl.Segments => {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return segmenter.segment(text);
};
const first = (text: string): string => graphemes(text)[Symbol.iterator]().next().value?.segment ?? '';

/** `Ada Lovelace` → `A•• L•••••`: each word keeps its first letter and its length, so lists still read as lists. */
export const maskName = (name: string): string =>
	name.replace(/\S+/gu, (word) => {
		const head = first(word);
		return head + '•'.repeat(Math.max(1, [...graphemes(word)].length - 1));
	});

/** `ada@example.com` → `a••@e••••••.com`: the shape of an address, not the address. */
export const maskEmail = (email: string): string => {
	const at = email.lastIndexOf('@');
	if (at < 0) return maskName(email);
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const host = dot > 0 ? domain.slice(0, dot) : domain;
	return `${maskName(email.slice(0, at))}@${maskName(host)}${dot > 0 ? domain.slice(dot) : ''}`;
};

/** `+47 555 0101` → `+•• ••• ••01`: the last two digits stay, to tell numbers apart. */
export const maskPhone = (phone: string): string => {
	const digits = phone.replace(/\D/g, '').length;
	let seen = 0;
	return phone.replace(/\d/g, (digit) => (++seen > digits - 2 ? digit : '•'));
};

const maskers: Record<string, (value: string) => string> = {name: maskName, email: maskEmail, phone: maskPhone};

/** A field of a customer as shown with --mask (unchanged for fields that are not personal). */
export const maskField = (field: string, value: unknown): unknown =>
	typeof value === 'string' && value !== '' && maskers[field] ? maskers[field]!(value) : value;

/**
 * A message that names customers (“Saved customer “Ada Lovelace”.”) with each real name, email and
 * phone in it masked: notices are built from the real records, so they are masked where shown.
 */
export const maskMentions = (text: string, customers: readonly Customer[]): string => {
	let masked = text;
	for (const customer of customers) {
		for (const [field, value] of [
			['name', customer.name],
			['email', customer.email],
			['phone', customer.phone],
		] as const) {
			if (value.length > 1 && masked.includes(value))
				masked = masked.split(value).join(String(maskField(field, value)));
		}
	}
	return masked;
};

const maskCustomer = (customer: Customer): Customer => ({
	...customer,
	name: maskName(customer.name),
	email: maskEmail(customer.email),
	phone: customer.phone ? maskPhone(customer.phone) : '',
});

/**
 * A survey response names who answered, and its comment is an operator's own words about the
 * console (which may name colleagues or customers): both masked whole, as a name is.
 */
const surveyMaskers: Record<string, (value: string) => string> = {operator: maskName, comment: maskName};

const maskSurvey = (response: SurveyResponse): SurveyResponse => ({
	...response,
	operator: maskName(response.operator),
	comment: maskName(response.comment),
});

/** A survey's log entry: who answered is masked in its operator too, so no row beside it tells. */
const maskSurveyChange = (entry: ChangeEntry): ChangeEntry => ({
	...entry,
	operator: maskName(entry.operator),
	// `survey by NAME on DATE`: the name masked, the date kept.
	label: entry.label.replace(
		/^(survey by )(.*)( on [\d-]*)$/u,
		(_all, head, name, tail) => head + maskName(name) + tail,
	),
	changes: entry.changes.map((change) => {
		const masker = surveyMaskers[change.field];
		const mask = (value: unknown) => (masker && typeof value === 'string' && value !== '' ? masker(value) : value);
		return {...change, before: mask(change.before), after: mask(change.after)};
	}),
});

const maskChange = (
	entry: ChangeEntry,
	customers: ReadonlyMap<string, Customer>,
	owners: ReadonlyMap<string, string>,
): ChangeEntry => {
	if (entry.entity === 'surveys') return maskSurveyChange(entry);
	if (entry.entity === 'customers') {
		return {
			...entry,
			label: maskName(entry.label),
			changes: entry.changes.map((change) => ({
				...change,
				before: maskField(change.field, change.before),
				after: maskField(change.field, change.after),
			})),
		};
	}
	// A deal's or ticket's label and texts may name its customer: masked as the record itself is.
	const named = entry.changes.find((change) => change.field === 'customerId');
	const customer = customers.get(owners.get(entry.recordId) ?? String(named?.after ?? named?.before ?? ''));
	if (!customer) return entry;
	const mask = (value: unknown) => (typeof value === 'string' ? maskMentions(value, [customer]) : value);
	return {
		...entry,
		label: maskMentions(entry.label, [customer]),
		changes: entry.changes.map((change) => ({...change, before: mask(change.before), after: mask(change.after)})),
	};
};

/**
 * The data as a screen shared in a demo or a recording shows it (`--mask`): customers' names,
 * emails and phones masked, in the records and in the change log; survey responses' operators and comments too. It is for showing only: nothing
 * masked is ever saved, because changes are always made from the real records.
 */
export const maskDataset = (dataset: Dataset): Dataset => {
	const byId = new Map(dataset.customers.map((customer) => [customer.id, customer]));
	const owners = new Map(
		[
			...dataset.opportunities,
			...dataset.tickets,
			...dataset.feedback,
			...dataset.activities,
			...(dataset.audiences ?? []),
		].map((record) => [record.id, record.customerId]),
	);
	// Free text often names its own customer (“Renewal for Rosa Patel”): masked where it does.
	const own = (customerId: string, text: string): string => {
		const customer = byId.get(customerId);
		return customer && text ? maskMentions(text, [customer]) : text;
	};
	return {
		...dataset,
		customers: dataset.customers.map(maskCustomer),
		opportunities: dataset.opportunities.map((deal) => ({...deal, title: own(deal.customerId, deal.title)})),
		tickets: dataset.tickets.map((ticket) => ({
			...ticket,
			subject: own(ticket.customerId, ticket.subject),
			comments: ticket.comments.map((comment) => ({...comment, body: own(ticket.customerId, comment.body)})),
		})),
		feedback: dataset.feedback.map((entry) => ({...entry, comment: own(entry.customerId, entry.comment)})),
		activities: dataset.activities.map((activity) => ({...activity, text: own(activity.customerId, activity.text)})),
		surveys: dataset.surveys.map(maskSurvey),
		// An audience member holds ids and why it was added: the list's filter, which may name its customer.
		audiences: (dataset.audiences ?? []).map((member) => ({...member, source: own(member.customerId, member.source)})),
		changes: dataset.changes.map((entry) => maskChange(entry, byId, owners)),
	};
};
