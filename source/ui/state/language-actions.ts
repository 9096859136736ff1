import {t} from '../../i18n/i18n.js';
import {languageNamed, languages} from '../../i18n/language.js';
import type {AppState} from './app-types.js';

/**
 * `:lang zh-CN`, `:lang en`: the console speaks that language from the next frame on (the notice
 * already does); `:lang` alone says which it speaks. An unknown one is refused, naming those there are.
 */
export const switchLanguage = (state: AppState, name: string | null): AppState => {
	if (name === null) return {...state, notice: {text: t('lang.switched', {lng: state.lang}), tone: 'info'}};
	const lang = languageNamed(name);
	if (!lang)
		return {
			...state,
			notice: {text: t('lang.unknown', {lng: state.lang, name, languages: languages.join(', ')}), tone: 'bad'},
		};
	return {...state, lang, notice: {text: t('lang.switched', {lng: lang}), tone: 'info'}};
};
