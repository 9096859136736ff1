import {Box, Text} from 'ink';
import type {Customer} from '../../domain/customer.js';
import {type DuplicateGroup, type MergeField, mergeFields} from '../../domain/duplicates.js';
import {t} from '../../i18n/i18n.js';
import {formatDate} from '../format/values.js';
import {fitCell, truncate, wrapText} from '../layout/cell-text.js';
import type {RelatedRecords} from '../state/related-records.js';
import {TonedText} from './toned-text.js';

type Merge = {survivorId: string; otherId: string; take: MergeField[]; cursor: number};

const countsOf = (related: RelatedRecords, id: string): string => {
	return t('views.duplicates.counts', {
		deals: t('views.duplicates.deals', {count: related.opportunitiesByCustomer.get(id)?.length ?? 0}),
		tickets: t('views.duplicates.tickets', {count: related.ticketsByCustomer.get(id)?.length ?? 0}),
		feedback: t('views.duplicates.feedback', {count: related.feedbackByCustomer.get(id)?.length ?? 0}),
	});
};

/**
 * Groups of customers that are likely one and the same, with why; the selected group is merged with
 * Enter. The second line ties it to the Data quality panel, whose "Shared emails" counts one of the
 * two reasons (so "0.0%" beside a list of groups does not read as a contradiction).
 */
export function DuplicatesView({
	groups,
	sharingAnEmail,
	customers,
	cursor,
	related,
	width,
	height,
}: {
	groups: DuplicateGroup[];
	sharingAnEmail: number;
	customers: number;
	cursor: number;
	related: RelatedRecords;
	width: number;
	height: number;
}) {
	if (groups.length === 0) return <TonedText tone="ok">{t('views.duplicates.none')}</TonedText>;
	const share = customers === 0 ? 0 : (sharingAnEmail / customers) * 100;
	const basis = wrapText(t('views.duplicates.basis', {count: sharingAnEmail, share: share.toFixed(1)}), width - 2);
	type Row = {group: number; header: true; line: string} | {group: number; header: false; id: string};
	const rows: Row[] = groups.flatMap((group, index): Row[] => [
		{group: index, header: true, line: group.reason},
		...group.ids.map((id): Row => ({group: index, header: false, id})),
	]);
	const cursorRow = rows.findIndex((row) => row.group === cursor);
	const size = Math.max(1, height - 1 - basis.length);
	const start = Math.max(0, Math.min(cursorRow - 1, rows.length - size));
	return (
		<Box flexDirection="column" paddingLeft={1}>
			<TonedText bold tone="accent">
				{truncate(t('views.duplicates.heading', {count: groups.length}), width - 2)}
			</TonedText>
			{basis.map((line) => (
				<TonedText key={line} tone="muted">
					{line}
				</TonedText>
			))}
			{rows.slice(start, start + size).map((row, index) => {
				const selected = row.group === cursor;
				if (row.header) {
					return (
						<TonedText key={`h${start + index}`} bold tone="warn" inverse={selected}>
							{truncate(`${selected ? '›' : ' '} ${row.line}`, width - 2)}
						</TonedText>
					);
				}
				const customer = related.customersById.get(row.id);
				if (!customer) return null;
				return (
					<Text key={row.id} wrap="truncate">
						{'    '}
						{truncate(
							t('views.duplicates.member', {
								name: customer.name,
								company: customer.company || '—',
								email: customer.email || '—',
								date: formatDate(customer.createdAt),
								counts: countsOf(related, customer.id),
							}),
							width - 6,
						)}
					</Text>
				);
			})}
		</Box>
	);
}

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value ?? '')) || '—';

/** Two customers side by side, field by field: the marked side is what the surviving customer keeps. */
export function MergeView({merge, related, width}: {merge: Merge; related: RelatedRecords; width: number}) {
	const survivor = related.customersById.get(merge.survivorId);
	const other = related.customersById.get(merge.otherId);
	if (!survivor || !other) return <TonedText tone="bad">{t('views.duplicates.gone')}</TonedText>;
	// Label 14, two gaps of 2, the left padding and a spare cell: the rest is shared by the two sides.
	const column = Math.max(12, Math.floor((width - 21) / 2));
	const side = (customer: Customer, field: MergeField, chosen: boolean, selected: boolean) => (
		<Text inverse={selected && chosen} bold={chosen}>
			{fitCell(`${chosen ? '✓ ' : '  '}${shown(customer[field])}`, column)}
		</Text>
	);
	return (
		<Box flexDirection="column" paddingLeft={1}>
			<TonedText bold tone="accent">
				{truncate(t('views.duplicates.mergeTitle', {other: other.name, survivor: survivor.name}), width - 2)}
			</TonedText>
			<TonedText tone="muted">{`${fitCell('', 14)}  ${fitCell(t('views.duplicates.survives', {date: formatDate(survivor.createdAt)}), column)}  ${fitCell(t('views.duplicates.goes', {date: formatDate(other.createdAt)}), column)}`}</TonedText>
			{mergeFields.map((field, index) => {
				const fromOther = merge.take.includes(field);
				const selected = index === merge.cursor;
				return (
					<Text key={field} wrap="truncate">
						<TonedText bold={selected} tone={selected ? 'accent' : 'text'}>
							{fitCell(`${selected ? '›' : ' '} ${field}`, 14)}
						</TonedText>
						{'  '}
						{side(survivor, field, !fromOther, selected)}
						{'  '}
						{side(other, field, fromOther, selected)}
					</Text>
				);
			})}
			<Text> </Text>
			<TonedText tone="muted">
				{truncate(
					t('views.duplicates.moves', {
						counts: countsOf(related, other.id),
						entries: related.activitiesByCustomer.get(other.id)?.length ?? 0,
						name: other.name,
					}),
					width - 2,
				)}
			</TonedText>
		</Box>
	);
}
