import {describe, expect, test} from 'vitest';
import {chosenReason} from '../../source/commands/records/verb-reason.js';
import type {CampaignStatus} from '../../source/domain/campaign.js';
import {controlCharacterProblem} from '../../source/domain/control-characters.js';
import type {OpportunityStage} from '../../source/domain/opportunity.js';
import type {OrderStatus} from '../../source/domain/order.js';
import type {TicketStatus} from '../../source/domain/ticket.js';
import {
	campaignVerb,
	type DealVerb,
	dealVerb,
	followUpDone,
	orderVerb,
	type StatusVerb,
	ticketVerb,
	type VerbOutcome,
} from '../../source/domain/workflow-verbs.js';
import {campaignOf, dealOf, followUpOf, orderOf, ticketOf} from '../support/records.js';

/** A table's expectation: the fields set, or the start of the refusal's words. */
type Expected = Record<string, unknown> | {refused: string};

const expectOutcome = (outcome: VerbOutcome, expected: Expected): void => {
	if ('refused' in expected) {
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.problem).toBe(expected.refused);
	} else expect(outcome).toEqual({ok: true, values: expected});
};

describe('dealVerb: a deal moved as the console moves it', () => {
	const title = 'Atlas renewal';
	const cases: Array<[OpportunityStage, DealVerb, Expected]> = [
		['prospecting', {kind: 'advance'}, {stage: 'qualification'}],
		['negotiation', {kind: 'advance'}, {stage: 'won'}],
		['won', {kind: 'advance'}, {refused: `“${title}” cannot move further.`}],
		['lost', {kind: 'advance'}, {refused: `“${title}” cannot move further.`}],
		['prospecting', {kind: 'back'}, {refused: `“${title}” cannot move back.`}],
		['won', {kind: 'back'}, {stage: 'negotiation'}],
		['lost', {kind: 'back'}, {stage: 'negotiation'}],
		['proposal', {kind: 'won', reason: 'price'}, {stage: 'won', wonReason: 'price'}],
		['won', {kind: 'won', reason: 'price'}, {refused: `“${title}” is already won.`}],
		// The console's picker wins a lost deal as it loses a won one: only the same stage again is refused.
		['lost', {kind: 'won', reason: 'timing'}, {stage: 'won', wonReason: 'timing'}],
		['won', {kind: 'lost', reason: 'budget'}, {stage: 'lost', lostReason: 'budget'}],
		['lost', {kind: 'lost', reason: 'budget'}, {refused: `“${title}” is already lost.`}],
		['qualification', {kind: 'stage', stage: 'negotiation'}, {stage: 'negotiation'}],
		['negotiation', {kind: 'stage', stage: 'negotiation'}, {refused: `“${title}” is already negotiation.`}],
		['won', {kind: 'stage', stage: 'prospecting'}, {stage: 'prospecting'}],
	];
	test.each(cases)('%s, %o → %o', (stage, verb, expected) => {
		expectOutcome(dealVerb(dealOf({title, stage}), verb), expected);
	});
});

describe('ticketVerb: a ticket moved, resolved or replied to', () => {
	const subject = 'Login fails';
	const cases: Array<[TicketStatus, 'advance' | 'back' | 'resolve', Expected]> = [
		['open', 'advance', {status: 'pending'}],
		['resolved', 'advance', {status: 'closed'}],
		['closed', 'advance', {refused: `“${subject}” is already closed.`}],
		['open', 'back', {refused: `“${subject}” is already open.`}],
		['closed', 'back', {status: 'open'}],
		['open', 'resolve', {status: 'resolved'}],
		['pending', 'resolve', {status: 'resolved'}],
		['resolved', 'resolve', {refused: `“${subject}” is already resolved.`}],
		['closed', 'resolve', {refused: `“${subject}” is already closed.`}],
	];
	test.each(cases)('%s, %s → %o', (status, kind, expected) => {
		expectOutcome(ticketVerb(ticketOf({subject, status}), {kind}), expected);
	});

	const at = '2026-03-01T09:00:00.000Z';
	const earlier = {at: '2026-02-01T00:00:00.000Z', author: 'bo', body: 'Looking', kind: 'note' as const};
	const replies: Array<[string, string, (typeof earlier)[], Expected]> = [
		[
			'a reply on a ticket without comments',
			'  Fixed now  ',
			[],
			{comments: [{at, author: 'ana', body: 'Fixed now', kind: 'reply'}]},
		],
		[
			'after the comments there are',
			'Fixed',
			[earlier],
			{comments: [earlier, {at, author: 'ana', body: 'Fixed', kind: 'reply'}]},
		],
		['an empty reply', '', [], {refused: 'A reply needs some text.'}],
		['only spaces', '   ', [earlier], {refused: 'A reply needs some text.'}],
		[
			'an escape in it',
			'ok\u001b[2J',
			[],
			{refused: `Not saved: the text ${controlCharacterProblem('ok\u001b[2J', true)}.`},
		],
	];
	test.each(replies)('%s', (_case, body, comments, expected) => {
		const outcome = ticketVerb(ticketOf({subject, comments}), {kind: 'reply', body, author: 'ana', at});
		expectOutcome(outcome, expected);
	});
});

describe('orderVerb and campaignVerb: a status on, to its end, or cancelled', () => {
	const orders: Array<[OrderStatus, StatusVerb, Expected]> = [
		['draft', 'advance', {status: 'confirmed'}],
		['fulfilled', 'advance', {status: 'paid'}],
		['draft', 'finish', {status: 'paid'}],
		['confirmed', 'cancel', {status: 'cancelled'}],
		['paid', 'finish', {refused: 'SO-2026-0001 is paid: it moves no further.'}],
		['paid', 'advance', {refused: 'SO-2026-0001 is paid: it moves no further.'}],
		['paid', 'cancel', {refused: 'SO-2026-0001 is paid: it cannot be cancelled.'}],
		['cancelled', 'finish', {refused: 'SO-2026-0001 is cancelled: it moves no further.'}],
		['cancelled', 'cancel', {refused: 'SO-2026-0001 is cancelled: it cannot be cancelled.'}],
	];
	test.each(orders)('order %s, %s → %o', (status, verb, expected) => {
		expectOutcome(orderVerb(orderOf({number: 'SO-2026-0001', status}), verb), expected);
	});

	const campaigns: Array<[CampaignStatus, StatusVerb, Expected]> = [
		['planned', 'advance', {status: 'active'}],
		['planned', 'finish', {status: 'completed'}],
		['active', 'cancel', {status: 'cancelled'}],
		['completed', 'finish', {refused: '“Spring” is completed: it moves no further.'}],
		['cancelled', 'advance', {refused: '“Spring” is cancelled: it moves no further.'}],
		['completed', 'cancel', {refused: '“Spring” is completed: it cannot be cancelled.'}],
	];
	test.each(campaigns)('campaign %s, %s → %o', (status, verb, expected) => {
		expectOutcome(campaignVerb(campaignOf({name: 'Spring', status}), verb), expected);
	});
});

describe('followUpDone', () => {
	const at = '2026-03-01T09:00:00.000Z';
	const cases: Array<[string, Parameters<typeof followUpOf>[0], Expected]> = [
		['to do (doneAt null)', {doneAt: null}, {doneAt: at}],
		['to do (no doneAt at all)', {doneAt: undefined}, {doneAt: at}],
		['done already', {doneAt: '2026-02-01T00:00:00.000Z'}, {refused: 'That follow-up is done already.'}],
		[
			'a call, no follow-up',
			{kind: 'call'},
			{refused: 'That activity is a call, not a follow-up: only a follow-up is done.'},
		],
	];
	test.each(cases)('%s', (_case, values, expected) => {
		expectOutcome(followUpDone(followUpOf(values), at), expected);
	});
});

describe('chosenReason: one of the settings’ reasons, as the console picks it', () => {
	const reasons = ['price', 'Product fit'];
	test.each([
		['price', 'price'],
		['  PRODUCT FIT ', 'Product fit'],
	])('%j → %j', (given, reason) => {
		expect(chosenReason(given, reasons, true)).toBe(reason);
	});

	test.each([
		[undefined, true, 'A won deal says why: --reason, one of price, Product fit.'],
		['', false, 'A lost deal says why: --reason, one of price, Product fit.'],
		['cheap', true, '--reason “cheap” is not among the settings’ reasons: price, Product fit.'],
	])('%j (won: %s) is a usage mistake (exit 2)', (given, won, message) => {
		expect(() => chosenReason(given, reasons, won)).toThrow(message);
		try {
			chosenReason(given, reasons, won);
		} catch (error) {
			expect(error).toMatchObject({exitCode: 2, code: 'bad_option'});
		}
	});
});
