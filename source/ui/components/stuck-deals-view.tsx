import {Box, Text} from 'ink';
import type {Opportunity} from '../../domain/opportunity.js';
import {day} from '../../domain/units.js';
import {t} from '../../i18n/i18n.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import {windowStart} from '../layout/row-window.js';
import {opportunitiesScreen} from '../screens/opportunities-screen.js';
import type {ViewContext} from '../screens/screen-definition.js';
import type {StuckShown} from '../state/analysis-views.js';
import {TonedText} from './toned-text.js';

type Props = {shown: StuckShown; context: ViewContext; cursor: number; width: number; height: number};

/** A cell as the opportunities list writes it (the customer masked under --mask, the amount with its currency). */
const cellOf = (id: string, deal: Opportunity, context: ViewContext): string =>
	opportunitiesScreen.columns.find((column) => column.id === id)?.cell(deal, context) ?? '';

/** Whole days in the stage; `≤` when its entry into the stage is not logged (it has been there at most since it was created). */
const daysIn = (since: number, logged: boolean, now: number): string =>
	`${logged ? '' : '≤'}${t('views.stuck.daysIn', {days: Math.max(0, Math.floor((now - since) / day))})}`;

/** Days 7, owner 12, amount 13, with the cursor's margin and gaps: the title and the customer share the rest. */
const fixed = 2 + 7 + 1 + 1 + 1 + 12 + 1 + 13;

/** The open deals in one stage, longest there first, windowed around the cursor; Enter opens one. */
export function StuckDealsView({shown, context, cursor, width, height}: Props) {
	const room = width - 2;
	// Whatever the period shown: the deals open now.
	const heading = t(shown.deals.length > 0 ? 'views.stuck.headingOpens' : 'views.stuck.heading', {
		stage: shown.stage,
		count: shown.deals.length,
	});
	if (shown.deals.length === 0)
		return (
			<TonedText bold tone="accent">
				{truncate(heading, room)}
			</TonedText>
		);
	const rest = Math.max(20, room - fixed);
	// On a wide screen the rest stays blank rather than pushing the owner and the amount far off.
	const title = Math.min(40, Math.ceil(rest * 0.55));
	const customer = Math.min(32, rest - title);
	const size = Math.max(1, height - 3);
	const start = windowStart(cursor, shown.deals.length, size);
	const hasUnlogged = shown.deals.some((entry) => !entry.logged);
	return (
		<Box flexDirection="column">
			<TonedText bold tone="accent">
				{truncate(heading, room)}
			</TonedText>
			<TonedText tone="muted">
				{truncate(
					`  ${fitCell(t('views.stuck.days'), 7, 'right')} ${fitCell(t('views.stuck.title'), title)} ${fitCell(t('views.stuck.customer'), customer)} ${fitCell(t('views.stuck.owner'), 12)} ${fitCell(t('views.stuck.amount'), 13, 'right')}`,
					room,
				)}
			</TonedText>
			{shown.deals.slice(start, start + size).map(({deal, since, logged}, index) => {
				const selected = start + index === cursor;
				return (
					<Text key={deal.id} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						{fitCell(daysIn(since, logged, context.now), 7, 'right')} {fitCell(cellOf('title', deal, context), title)}{' '}
						{fitCell(cellOf('customer', deal, context), customer)} {fitCell(deal.owner, 12)}{' '}
						{fitCell(cellOf('amount', deal, context), 13, 'right')}
					</Text>
				);
			})}
			{hasUnlogged ? <TonedText tone="muted">{truncate(t('views.stuck.unlogged'), room)}</TonedText> : null}
		</Box>
	);
}
