import {Box, Text} from 'ink';
import type {FormField} from '../forms/form-definitions.js';
import {visibleFields, type FormErrors} from '../forms/form-values.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import type {FormState} from '../state/app-types.js';
import {customerLabel, type RelatedRecords} from '../state/related-records.js';
import {maskField} from '../../domain/mask.js';
import {CaretText} from './caret-text.js';
import {TonedText} from './toned-text.js';

type Props = {form: FormState; errors: FormErrors; related: RelatedRecords; width: number; height: number; saving: boolean; /** --mask: a customer's name, email and phone show masked until retyped. */ mask?: boolean};

const labelWidth = 16;

const shownValue = (field: FormField, text: string, related: RelatedRecords): string => {
	if (field.kind === 'customer') return text ? customerLabel(related, text) : '';
	if (field.kind === 'enum' && text === '') return '—';
	return text;
};

/** One field: label, value (with the caret when focused), and its error in words right below. */
function FieldRow({field, text, focused, error, caret, related, width}: {field: FormField; text: string; focused: boolean; error?: string; caret: number; related: RelatedRecords; width: number}) {
	const valueWidth = Math.max(8, width - labelWidth - 4);
	let value;
	if (focused && field.kind !== 'enum' && field.kind !== 'customer') value = <CaretText input={{text, caret}} width={valueWidth} />;
	else if (focused && field.kind === 'enum') value = <Text inverse>{truncate(`‹ ${shownValue(field, text, related)} ›`, valueWidth)}</Text>;
	else if (focused) value = <Text inverse>{truncate(shownValue(field, text, related) || 'type to search…', valueWidth)}</Text>;
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
			{error ? <TonedText tone="bad">{`${' '.repeat(labelWidth + 3)}✗ ${truncate(error, valueWidth - 2)}`}</TonedText> : null}
			{focused && !error && field.hint ? <TonedText tone="muted">{`${' '.repeat(labelWidth + 3)}${truncate(field.hint, valueWidth)}`}</TonedText> : null}
		</Box>
	);
}

/** A create or edit form; only the fields around the focused one render when it is taller than the screen. */
export function FormView({form, errors, related, width, height, saving, mask = false}: Props) {
	const fields = visibleFields(form.definition, form.texts);
	const title = `${form.recordId === null && form.definition.entity !== null ? 'New' : 'Edit'} ${form.definition.noun}${saving ? ' — saving…' : ''}`;
	// Each field takes one line, plus one for its error or hint when it has one.
	const lineCount = (field: FormField) => 1 + (errors[field.key] || (field.key === form.focus && field.hint) ? 1 : 0);
	const focusIndex = Math.max(0, fields.findIndex((field) => field.key === form.focus));
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
				{title}
			</TonedText>
			{shown.map((field) => (
				<FieldRow
					key={field.key}
					field={field}
					text={mask && form.definition.entity === 'customers' && form.texts[field.key] === form.original[field.key] ? String(maskField(field.key, form.texts[field.key] ?? '')) : (form.texts[field.key] ?? '')} focused={field.key === form.focus} error={errors[field.key]} caret={form.caret} related={related} width={width} />
			))}
		</Box>
	);
}
