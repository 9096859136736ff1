import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {t} from '../../i18n/i18n.js';
import type {FormField} from '../forms/form-definitions.js';
import type {FormErrors} from '../forms/form-values.js';
import {ratingAnchorsText} from '../forms/survey-form.js';
import {fitCell, oneLine, truncate, wrapText} from '../layout/cell-text.js';
import type {FormState} from '../state/app-types.js';
import {CaretText} from './caret-text.js';
import {TonedText} from './toned-text.js';

type Props = {
	form: FormState;
	errors: FormErrors;
	operator: string;
	width: number;
	height: number;
	saving: boolean;
};

/** `› 12 ` before each label: the focus mark and the item's number. */
const numberWidth = 5;
/** `[1] 2  3  4  5 `: five options of three cells. */
const scaleWidth = 15;
/** Short labels (`Too complex`) at 80 columns; the whole statements (the longest is 89 cells) where they fit beside the scale. */
const shortLabel = 16;
const fullLabel = 92;
const wholeStatements = (width: number): boolean => width >= numberWidth + fullLabel + 1 + scaleWidth + 2;

/** The scale of one rating, `1  2 [3] 4  5`: the answer in brackets, so it reads without colour too. */
function Scale({value, focused}: {value: string; focused: boolean}) {
	return (
		<Text>
			{['1', '2', '3', '4', '5'].map((option) =>
				option === value ? (
					<TonedText key={option} tone="accent" bold inverse={focused}>
						{`[${option}]`}
					</TonedText>
				) : (
					<TonedText key={option} tone={focused ? 'text' : 'muted'}>
						{` ${option} `}
					</TonedText>
				),
			)}
		</Text>
	);
}

type RowProps = {
	field: FormField;
	number: string;
	text: string;
	focused: boolean;
	error?: string;
	caret: number;
	width: number;
};

/** One item: its number and short label, then its scale (and its error in words), or the comment as typed. */
function ItemRow({field, number, text, focused, error, caret, width}: RowProps) {
	const whole = wholeStatements(width) && field.kind === 'rating';
	const labelWidth = wholeStatements(width) ? fullLabel : shortLabel;
	const rest = Math.max(4, width - numberWidth - labelWidth - 1);
	let value: ReactNode;
	if (field.kind === 'rating')
		value = (
			<>
				<Scale value={text} focused={focused} />
				{error ? (
					<TonedText tone="bad">{`  ✗ ${truncate(error, Math.max(1, rest - scaleWidth - 4))}`}</TonedText>
				) : null}
			</>
		);
	else if (focused) value = <CaretText input={{text, caret}} width={rest} />;
	else value = <Text>{truncate(oneLine(text), rest)}</Text>;
	return (
		<Box>
			<TonedText bold={focused} tone={error ? 'bad' : focused ? 'accent' : 'text'}>
				{`${focused ? '›' : ' '}${number.padStart(3)} `}
				{fitCell(whole ? (field.hint ?? field.label) : field.label, labelWidth)}
			</TonedText>
			<Text> </Text>
			{value}
		</Box>
	);
}

/** The focused item's whole statement and the scale's ends (the rows carry short labels); its error, whole, takes the second line. */
const statementOf = (field: FormField, error: string | undefined, width: number): string[] => {
	const lines = wrapText(
		field.kind === 'rating'
			? t('views.survey.statement', {statement: field.hint ?? '', anchors: ratingAnchorsText()})
			: (field.hint ?? ''),
		width,
	);
	return error ? [...lines.slice(0, 1), truncate(`✗ ${error}`, width)] : lines.slice(0, 2);
};

/** What Esc does to this survey: closes one the operator opened; postpones, or declines, one the console offered. */
const escWords = (form: FormState): string =>
	!form.survey?.offered
		? t('views.survey.escCloses')
		: form.survey.escDeclines
			? t('views.survey.escDeclines')
			: t('views.survey.escPostpones');

/**
 * The usability survey in one screen at 80x24: who answers (answers are signed, not anonymous),
 * the scale, the thirteen ratings and the comment, and the focused item's whole statement below.
 * On a shorter screen the rows around the focused one show.
 */
export function SurveyView({form, errors, operator, width, height, saving}: Props) {
	const fields = form.definition.fields;
	const roomy = height >= 21;
	const rowsShown = Math.max(1, height - 3 - (roomy ? 2 : 0));
	const focusIndex = Math.max(
		0,
		fields.findIndex((field) => field.key === form.focus),
	);
	const start = Math.min(Math.max(0, focusIndex - rowsShown + 1), Math.max(0, fields.length - rowsShown));
	const focused = fields[focusIndex]!;
	const ratings = fields.filter((field) => field.kind === 'rating');
	const answered = ratings.filter((field) => (form.texts[field.key] ?? '') !== '').length;
	const title = `${t('views.survey.title', {answered, total: ratings.length, operator: oneLine(operator)})}${saving ? t('views.survey.saving') : ''}`;
	const statement = statementOf(focused, errors[focused.key], width - 3);
	return (
		<Box flexDirection="column" width={width} height={height} paddingLeft={1}>
			<TonedText bold tone="accent">
				{truncate(title, width - 1)}
			</TonedText>
			{roomy ? (
				<TonedText tone="muted">{truncate(t('views.survey.keys', {esc: escWords(form)}), width - 1)}</TonedText>
			) : null}
			{fields.slice(start, start + rowsShown).map((field, index) => (
				<ItemRow
					key={field.key}
					field={field}
					number={field.kind === 'rating' ? String(start + index + 1) : ''}
					text={form.texts[field.key] ?? ''}
					focused={field.key === form.focus}
					error={errors[field.key]}
					caret={form.caret}
					width={width - 1}
				/>
			))}
			{roomy ? <Text> </Text> : null}
			{statement.map((line, index) => (
				<TonedText key={index} tone={line.startsWith('✗') ? 'bad' : 'text'}>
					{line}
				</TonedText>
			))}
		</Box>
	);
}
