import { render } from 'preact';
import { locale, t } from '../extension-i18n.js';
import { App } from './app.js';

document.documentElement.lang = locale;
document.title = t('optTitle');

const root = document.getElementById('app');
if (root) render(<App />, root);
