import {createContext, useContext} from 'react';
import {colorTheme, type Theme} from './theme.js';

export const ThemeContext = createContext<Theme>(colorTheme);

export const useTheme = (): Theme => useContext(ThemeContext);
