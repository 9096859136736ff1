import type {ScreenName} from '../state/app-types.js';
import {assessScreen} from './assess-screen.js';
import {customersScreen} from './customers-screen.js';
import {feedbackScreen} from './feedback-screen.js';
import {logScreen} from './log-screen.js';
import {opportunitiesScreen} from './opportunities-screen.js';
import type {ScreenDefinition} from './screen-definition.js';
import {ticketsScreen} from './tickets-screen.js';

/** The screens in tab order; `1`–`6` pick them by position. */
export const screenOrder: readonly ScreenName[] = [
	'customers',
	'opportunities',
	'tickets',
	'feedback',
	'assess',
	'log',
];

const screens: Record<ScreenName, unknown> = {
	customers: customersScreen,
	opportunities: opportunitiesScreen,
	tickets: ticketsScreen,
	feedback: feedbackScreen,
	assess: assessScreen,
	log: logScreen,
};

/** Widened for code that handles every screen alike. */
export const screenFor = (name: ScreenName): ScreenDefinition => screens[name] as ScreenDefinition;
