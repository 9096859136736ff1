import type {ScreenName} from '../state/app-types.js';
import {assessScreen} from './assess-screen.js';
import {campaignsScreen} from './campaigns-screen.js';
import {customersScreen} from './customers-screen.js';
import {feedbackScreen} from './feedback-screen.js';
import {followupsScreen} from './followups-screen.js';
import {logScreen} from './log-screen.js';
import {opportunitiesScreen} from './opportunities-screen.js';
import {ordersScreen} from './orders-screen.js';
import type {ScreenDefinition} from './screen-definition.js';
import {ticketsScreen} from './tickets-screen.js';

/**
 * The screens in tab order; `1`–`9` pick them by position. Campaigns and orders came later and
 * take 7 and 8 (and the follow-ups due, 9), so that the digits operators already know keep their screens.
 */
export const screenOrder: readonly ScreenName[] = [
	'customers',
	'opportunities',
	'tickets',
	'feedback',
	'assess',
	'log',
	'campaigns',
	'orders',
	'followups',
];

const screens: Record<ScreenName, unknown> = {
	customers: customersScreen,
	opportunities: opportunitiesScreen,
	tickets: ticketsScreen,
	feedback: feedbackScreen,
	campaigns: campaignsScreen,
	orders: ordersScreen,
	followups: followupsScreen,
	assess: assessScreen,
	log: logScreen,
};

/** Widened for code that handles every screen alike. */
export const screenFor = (name: ScreenName): ScreenDefinition => screens[name] as ScreenDefinition;
