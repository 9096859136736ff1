import type {EntityName} from '../../domain/dataset.js';
import {customersScreen} from './customers-screen.js';
import {feedbackScreen} from './feedback-screen.js';
import {opportunitiesScreen} from './opportunities-screen.js';
import type {ScreenDefinition} from './screen-definition.js';
import {ticketsScreen} from './tickets-screen.js';

/** The screens in tab order; `1`–`4` pick them by position. */
export const screenOrder: readonly EntityName[] = ['customers', 'opportunities', 'tickets', 'feedback'];

export const screens: {[E in EntityName]: ScreenDefinition<E>} = {
	customers: customersScreen,
	opportunities: opportunitiesScreen,
	tickets: ticketsScreen,
	feedback: feedbackScreen,
};

/** Widened for code that handles every screen alike. */
export const screenFor = (entity: EntityName): ScreenDefinition => screens[entity] as unknown as ScreenDefinition;
