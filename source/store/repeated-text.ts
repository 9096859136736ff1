/**
 * The text records repeat — an owner's name, a product, a deal's title, a ticket's standard reply,
 * the id of a customer each of her deals and tickets names — kept once in memory instead of once per
 * record. `JSON.parse` makes a new string of every value longer than a few characters: at 500,000
 * records that is a hundred megabytes of copies. Strings cannot be changed, so sharing one is never
 * seen by the code that reads the records.
 *
 * Each field (by its place in the record: a comment's author is one field) keeps a table of its
 * values while they repeat; a field whose values mostly do not (ids, e-mail addresses, times) stops
 * being looked up after its first thousand values.
 */

/** Shorter strings come out of `JSON.parse` shared already (V8 internalizes them). */
const shortestKept = 11;
/** Values of a field seen before it is judged. */
const judgedAfter = 1024;
/** A field whose values are more than this share new (not seen before) keeps no table. */
const mostlyNew = 0.5;

type Field = {
	/** Its values as first seen; null once the field is judged not to repeat. */
	values: Map<string, string> | null;
	seen: number;
	/** The fields of the objects it holds (a list of comments, an order's lines). */
	inner: Map<string, Field>;
};

/** What is left to look at in a list's records once its fields are judged: the fields that repeat, and those holding some. */
type Plan = {text: Array<[string, Map<string, string>]>; inner: Array<[string, Plan]>};

const newField = (): Field => ({values: new Map(), seen: 0, inner: new Map()});

/** Records of a list walked field by field before its plan is made: enough for every field to be judged. */
const learnedAfter = judgedAfter * 2;

/** Shares the repeated text of the records given to it, list by list, as a file is read. */
export class RepeatedText {
	private readonly lists = new Map<string, {field: Field; walked: number; plan: Plan | null}>();

	/** Replaces, in place, each text value of `records` (of the list `list`) seen before with the string kept for it. */
	share(list: string, records: readonly unknown[]): void {
		let known = this.lists.get(list);
		if (!known) {
			known = {field: newField(), walked: 0, plan: null};
			this.lists.set(list, known);
		}
		for (const record of records) {
			if (typeof record !== 'object' || record === null) continue;
			if (known.plan) sharePlanned(known.plan, record);
			else {
				shareIn(known.field, record);
				if (++known.walked === learnedAfter) known.plan = planOf(known.field);
			}
		}
	}

	/** The fields of `list` whose text is shared (`comments.author`), once its records are past the first few thousand. */
	sharedFields(list: string): string[] {
		const plan = this.lists.get(list)?.plan;
		const names = (at: Plan, prefix: string): string[] => [
			...at.text.map(([key]) => `${prefix}${key}`),
			...at.inner.flatMap(([key, inner]) => names(inner, `${prefix}${key}.`)),
		];
		return plan ? names(plan, '').sort() : [];
	}
}

/** Values a field must have shown, by the time its list's plan is made, to be looked up from then on. */
const fewestJudged = 64;

/** Whether a field's values so far repeat: a field seldom filled (or not yet judged) is judged on what it has shown. */
const repeats = (field: Field): boolean =>
	field.seen >= fewestJudged && field.values !== null && field.values.size <= field.seen * mostlyNew;

/** The plan of a field's inner fields: null when none of them repeats. */
const planOf = (field: Field): Plan | null => {
	const plan: Plan = {text: [], inner: []};
	for (const [key, child] of field.inner) {
		if (child.values && repeats(child)) plan.text.push([key, child.values]);
		const inner = planOf(child);
		if (inner) plan.inner.push([key, inner]);
	}
	return plan.text.length + plan.inner.length > 0 ? plan : null;
};

const kept = (values: Map<string, string>, value: string): string => {
	const found = values.get(value);
	if (found !== undefined) return found;
	values.set(value, value);
	return value;
};

/** Shares, by `plan`, the text of an object (or of each object of a list). */
const sharePlanned = (plan: Plan, holder: object): void => {
	if (Array.isArray(holder)) {
		for (const value of holder) if (typeof value === 'object' && value !== null) sharePlanned(plan, value);
		return;
	}
	const object = holder as Record<string, unknown>;
	for (const [key, values] of plan.text) {
		const value = object[key];
		if (typeof value === 'string') {
			if (value.length >= shortestKept) object[key] = kept(values, value);
		} else if (Array.isArray(value))
			for (let index = 0; index < value.length; index++) {
				const item: unknown = value[index];
				if (typeof item === 'string' && item.length >= shortestKept) value[index] = kept(values, item);
			}
	}
	for (const [key, inner] of plan.inner) {
		const value = object[key];
		if (typeof value === 'object' && value !== null) sharePlanned(inner, value);
	}
};

const childOf = (field: Field, key: string): Field => {
	let child = field.inner.get(key);
	if (!child) {
		child = newField();
		field.inner.set(key, child);
	}
	return child;
};

const shared = (field: Field, value: string): string => {
	const values = field.values;
	if (values === null || value.length < shortestKept) return value;
	if (++field.seen === judgedAfter && values.size > judgedAfter * mostlyNew) field.values = null;
	return field.values ? kept(field.values, value) : value;
};

/** The values of one object (or list), each shared through its field in `field.inner`. */
const shareIn = (field: Field, holder: object): void => {
	if (Array.isArray(holder)) {
		for (let index = 0; index < holder.length; index++) {
			const value: unknown = holder[index];
			if (typeof value === 'string') holder[index] = shared(field, value);
			else if (typeof value === 'object' && value !== null) shareIn(field, value);
		}
		return;
	}
	const object = holder as Record<string, unknown>;
	for (const key in object) {
		const value = object[key];
		if (typeof value === 'string') {
			if (value.length >= shortestKept) object[key] = shared(childOf(field, key), value);
		} else if (typeof value === 'object' && value !== null) shareIn(childOf(field, key), value);
	}
};
