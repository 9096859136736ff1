import type {EntityName} from '../domain/dataset.js';

export type AlertRecord = {entity: EntityName; id: string};

/**
 * Something the operator should look at, the rule that raised it, and the records behind it. The rule
 * and the message are read in the language in force (an alert made by `saidAlert` says them afresh
 * each time); `alertInEnglish` gives them as the JSON report writes them.
 */
export type Alert = {
	kind: 'kpi' | 'sla' | 'churn' | 'money' | 'follow-up';
	rule: string;
	message: string;
	records: AlertRecord[];
	severity: 'warn' | 'bad';
};

/** Words said in the language in force, or in English for `{lng: 'en'}`. */
export type Said = (options?: {lng: 'en'}) => string;

const english = new WeakMap<Alert, {rule: Said; message: Said}>();

/** An alert whose rule and message come from the catalog whenever they are read: a language switch reaches alerts already made (they are kept per version of the data). */
export const saidAlert = (fields: Omit<Alert, 'rule' | 'message'>, words: {rule: Said; message: Said}): Alert => {
	const alert: Alert = {
		kind: fields.kind,
		get rule() {
			return words.rule();
		},
		get message() {
			return words.message();
		},
		records: fields.records,
		severity: fields.severity,
	};
	english.set(alert, words);
	return alert;
};

/** An alert's rule and message in English, as the JSON report writes them whatever the language. */
export const alertInEnglish = (alert: Alert): {rule: string; message: string} => {
	const words = english.get(alert);
	return words
		? {rule: words.rule({lng: 'en'}), message: words.message({lng: 'en'})}
		: {rule: alert.rule, message: alert.message};
};
