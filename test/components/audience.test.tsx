import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import type {AudienceMember} from '../../source/domain/audience.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {campaignOf} from '../support/records.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const spring = campaignOf({name: 'Spring webinar', status: 'active'});
const autumn = campaignOf({name: 'Autumn fair', channel: 'event'});
const ana = customer({name: 'Ana Silva', tags: ['vip'], campaignId: autumn.id});
const quinn = customer({name: 'Quinn Jones', tags: ['vip']});
const rosa = customer({name: 'Rosa Patel', tags: ['vip']});
const jo = customer({name: 'Jo Quest'});
const rosaInSpring: AudienceMember = {
	id: 'aud_rosa0001',
	externalId: null,
	campaignId: spring.id,
	customerId: rosa.id,
	source: 'by hand',
	createdAt: '2026-05-01T00:00:00.000Z',
	updatedAt: '2026-05-01T00:00:00.000Z',
	version: 1,
};
const dataset = () =>
	datasetOf({campaigns: [spring, autumn], customers: [ana, quinn, rosa, jo], audiences: [rosaInSpring]});

test('/ filter, then :audience Name and y: the customers shown join the audience in one step, u takes them out again', async () => {
	const screen = await renderConsole({dataset: dataset(), width: 100, height: 30});
	await screen.waitFor((text) => text.includes('1/4'));
	await screen.press('/');
	await screen.press('vip');
	await screen.press(keys.enter);
	await screen.waitFor((text) => text.includes('1/3'), 'the filtered list');
	await screen.press(':audience spring WEBINAR\r');
	const asked = await screen.waitFor((text) => text.includes('Add 2 customers'), 'the question');
	expect(asked).toContain('Add 2 customers to the audience of “Spring webinar”? (1 already in it)');
	await screen.press('y');
	const done = await screen.waitFor((text) => text.includes('Added 2'), 'the notice');
	expect(done).toContain('Added 2 customers to the audience of “Spring webinar”.');
	const saved = screen.store.data;
	expect(saved.audiences.map((member) => [member.customerId, member.source])).toEqual([
		[rosa.id, 'by hand'],
		[ana.id, 'filter vip'],
		[quinn.id, 'filter vip'],
	]);
	// The audience is a relation of its own: whom a campaign acquired is as it was.
	expect(saved.customers.map((entry) => entry.campaignId)).toEqual([autumn.id, undefined, undefined, undefined]);

	// The customer's detail names the audiences they are in.
	const detail = await screen.press(keys.enter);
	expect(detail).toMatch(/Campaign\s+Autumn fair \(event\)/);
	expect(detail).toMatch(/Audiences\s+Spring webinar/);
	await screen.press(keys.escape);

	// The campaign's detail counts and lists its audience, with when and why each was added.
	await screen.press('7');
	await screen.waitFor((text) => text.includes('Spring webinar') && text.includes('Autumn fair'), 'the campaigns');
	await screen.press('/');
	await screen.press('spring');
	await screen.press(keys.enter);
	const campaign = await screen.press(keys.enter);
	expect(campaign).toMatch(/Audience\s+3 customers/);
	expect(campaign).toContain('Audience (3)');
	expect(campaign).toMatch(/2026-05-01\s+Rosa Patel\s+· by hand/);
	expect(campaign).toMatch(/Ana Silva\s+· filter vip/);
	expect(campaign).toMatch(/Quinn Jones\s+· filter vip/);

	// One batch: u undoes the whole step.
	await screen.press('u');
	await screen.waitFor(() => screen.store.data.audiences.length === 1, 'the undo');
	expect(screen.store.data.audiences.map((member) => member.customerId)).toEqual([rosa.id]);
	// A walk through two screens and a save: more than the default 5 s on a loaded machine.
}, 20_000);

test(':audience without a name picks the campaign; Tab completes a name; n adds nobody; everyone already in it is said', async () => {
	const screen = await renderConsole({dataset: dataset(), width: 100, height: 30});
	await screen.waitFor((text) => text.includes('1/4'));
	await screen.press(':audience\r');
	await screen.waitFor((text) => text.includes("Add the 4 customers shown to which campaign's audience?"), 'picker');
	await screen.press('autumn');
	await screen.press(keys.enter);
	const asked = await screen.waitFor((text) => text.includes('Add 4 customers'), 'the question');
	expect(asked).toContain('Add 4 customers to the audience of “Autumn fair”?');
	expect(asked).not.toContain('already in it');
	await screen.press('n');
	expect(screen.store.data.audiences).toHaveLength(1);

	await screen.press(':audience spr');
	expect(await screen.press(keys.tab)).toContain('audience Spring webinar');
	await screen.press(keys.escape);

	await screen.press('/');
	await screen.press('rosa');
	await screen.press(keys.enter);
	await screen.press(`:audience ${spring.id}\r`);
	await screen.waitFor((text) => text.includes('The customer shown is already in the audience of “Spring webinar”.'));
});

test('refused in words: an unknown name, another screen, a role that may not, --readonly', async () => {
	const roles = {access: {operators: {ana: 'admin', sam: 'service'}}};
	const screen = await renderConsole({dataset: dataset(), width: 120, height: 30, operator: 'ana', config: roles});
	await screen.waitFor((text) => text.includes('1/4'));
	await screen.press(':audience Winter\r');
	await screen.waitFor((text) => text.includes('No campaign is named “Winter” (case ignored), nor has that id.'));
	await screen.press('3');
	await screen.press(':audience Spring webinar\r');
	await screen.waitFor((text) =>
		text.includes(':audience adds the customers a list shows: use it on the customers list'),
	);
	cleanup();

	const service = await renderConsole({dataset: dataset(), width: 120, height: 30, operator: 'sam', config: roles});
	await service.waitFor((text) => text.includes('1/4'));
	await service.press(':audience Spring webinar\r');
	await service.waitFor((text) => text.includes('sam (service) may not create audience members.'));
	cleanup();

	const readonly = await renderConsole({dataset: dataset(), width: 120, height: 30, readonly: true});
	await readonly.waitFor((text) => text.includes('1/4'));
	await readonly.press(':audience Spring webinar\r');
	await readonly.waitFor((text) => text.includes('Read-only (--readonly): nothing can be changed from this console.'));
	expect(readonly.store.data.audiences).toHaveLength(1);
});
