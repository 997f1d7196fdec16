import { render } from 'preact';
import { locale } from '../extension-i18n.js';
import { App } from './app.js';

document.documentElement.lang = locale;

const root = document.getElementById('app');
if (root) render(<App />, root);
