// The daemon's front page: points reviewers to their invite link and facilitators to the console.
import { localize } from './dom.js';
import { t } from './strings.js';

localize();
document.title = t('page.brand');
