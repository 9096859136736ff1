import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {maskField, maskMentions, maskName} from '../../domain/mask.js';
import {recordLabel} from '../../domain/record-label.js';
import {t} from '../../i18n/i18n.js';
import {type FormField, pickedKinds} from '../forms/form-definitions.js';
import {type FormErrors, visibleFields} from '../forms/form-values.js';
import {fitCell, oneLine, truncate} from '../layout/cell-text.js';
import type {FormState} from '../state/app-types.js';
import {customerLabel, type RelatedRecords} from '../state/related-records.js';
import {CaretText} from './caret-text.js';
import {TonedText} from './toned-text.js';

type Props = {
	form: FormState;
	errors: FormErrors;
	related: RelatedRecords;
	width: number;
	height: number;
	saving: boolean;
	/** --mask: a customer's name, email and phone show masked until retyped. */
	mask?: boolean;
};

const labelWidth = 16;

/** A picked record by its name: a missing one says so, never shows a bare id as if it were a name. */
const pickedLabel = (related: RelatedRecords, entity: 'campaigns' | 'opportunities', id: string): string => {
	const record = related.byId[entity].get(id);
	return record ? recordLabel(entity, record) : t('views.form.missing', {id});
};

const shownValue = (field: FormField, text: string, related: RelatedRecords): string => {
	if (field.kind === 'customer') return text ? customerLabel(related, text) : '';
	if (field.kind === 'campaign') return text ? pickedLabel(related, 'campaigns', text) : '';
	if (field.kind === 'deal') return text ? pickedLabel(related, 'opportunities', text) : '';
	if (field.kind === 'enum' && text === '') return '—';
	return text;
};

/** One field: label, value (with the caret when focused), and its error in words right below. */
function FieldRow({
	field,
	text,
	focused,
	error,
	caret,
	related,
	width,
}: {
	field: FormField;
	text: string;
	focused: boolean;
	error?: string;
	caret: number;
	related: RelatedRecords;
	width: number;
}) {
	const valueWidth = Math.max(8, width - labelWidth - 4);
	let value: ReactNode;
	if (focused && field.kind !== 'enum' && !pickedKinds.has(field.kind))
		value = <CaretText input={{text, caret}} width={valueWidth} />;
	else if (focused && field.kind === 'enum')
		value = <Text inverse>{truncate(`‹ ${shownValue(field, text, related)} ›`, valueWidth)}</Text>;
	else if (focused)
		value = (
			<Text inverse>{truncate(shownValue(field, text, related) || t('views.form.typeToSearch'), valueWidth)}</Text>
		);
	else value = <Text>{truncate(shownValue(field, text, related), valueWidth)}</Text>;
	return (
		<Box flexDirection="column">
			<Box>
				<TonedText bold={focused} tone={error ? 'bad' : focused ? 'accent' : 'text'}>
					{focused ? '› ' : '  '}
					{fitCell(field.label, labelWidth)}
				</TonedText>
				<Text> </Text>
				{value}
			</Box>
			{error ? (
				<TonedText tone="bad">{`${' '.repeat(labelWidth + 3)}✗ ${truncate(error, valueWidth - 2)}`}</TonedText>
			) : null}
			{focused && !error && field.hint ? (
				<TonedText tone="muted">{`${' '.repeat(labelWidth + 3)}${truncate(field.hint, valueWidth)}`}</TonedText>
			) : null}
		</Box>
	);
}

/**
 * The record a form is for, in its title (issue 13: a note went to another customer than the
 * operator thought): the record edited, or the customer and ticket a new activity or feedback is
 * for. With --mask, a customer's name is masked and a name in a title or subject is too.
 */
const formSubject = (form: Props['form'], related: RelatedRecords, mask: boolean): string => {
	const customers = [...related.customersById.values()];
	// Text from data: one line, its control characters escaped.
	const shown = (text: string, isName = false) =>
		oneLine(!mask ? text : isName ? maskName(text) : maskMentions(text, customers));
	const entity = form.definition.entity;
	if (form.recordId !== null && entity) {
		const record =
			entity === 'activities' || entity === 'surveys' || entity === 'audiences'
				? undefined
				: related.byId[entity].get(form.recordId);
		return record ? t('views.form.subject', {label: shown(recordLabel(entity, record), entity === 'customers')}) : '';
	}
	const parts: string[] = [];
	const customer =
		typeof form.fixed['customerId'] === 'string' ? related.customersById.get(form.fixed['customerId']) : undefined;
	if (customer) parts.push(t('views.form.forCustomer', {name: shown(customer.name, true)}));
	const ticket =
		typeof form.fixed['ticketId'] === 'string' ? related.byId.tickets.get(form.fixed['ticketId']) : undefined;
	if (ticket) parts.push(t('views.form.onTicket', {subject: shown((ticket as {subject: string}).subject)}));
	return parts.length > 0 ? ` ${parts.join(' ')}` : '';
};

/** A create or edit form; only the fields around the focused one render when it is taller than the screen. */
export function FormView({form, errors, related, width, height, saving, mask = false}: Props) {
	const fields = visibleFields(form.definition, form.texts);
	const noun = form.definition.noun;
	const action =
		form.recordId === null && form.definition.entity !== null
			? t('views.form.newTitle', {noun})
			: t('views.form.editTitle', {noun});
	const title = `${action}${formSubject(form, related, mask)}${saving ? t('views.form.saving') : ''}`;
	// Each field takes one line, plus one for its error or hint when it has one.
	const lineCount = (field: FormField) => 1 + (errors[field.key] || (field.key === form.focus && field.hint) ? 1 : 0);
	const focusIndex = Math.max(
		0,
		fields.findIndex((field) => field.key === form.focus),
	);
	let start = 0;
	let used = fields.slice(0, focusIndex + 1).reduce((sum, field) => sum + lineCount(field), 0);
	while (used > height - 1 && start < focusIndex) used -= lineCount(fields[start++]!);
	const shown: FormField[] = [];
	let total = 0;
	for (const field of fields.slice(start)) {
		if (total + lineCount(field) > height - 1) break;
		shown.push(field);
		total += lineCount(field);
	}
	return (
		<Box flexDirection="column" width={width} height={height} paddingLeft={1}>
			<TonedText bold tone="accent">
				{truncate(title, width - 1)}
			</TonedText>
			{shown.map((field) => (
				<FieldRow
					key={field.key}
					field={field}
					text={
						mask && form.definition.entity === 'customers' && form.texts[field.key] === form.original[field.key]
							? String(maskField(field.key, form.texts[field.key] ?? ''))
							: (form.texts[field.key] ?? '')
					}
					focused={field.key === form.focus}
					error={errors[field.key]}
					caret={form.caret}
					related={related}
					width={width}
				/>
			))}
		</Box>
	);
}
