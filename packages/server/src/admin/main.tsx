import { render } from 'preact';
import { AdminApp } from './admin-app';

// Entry of dist/admin.js: the collector's /admin page loads it as a module.
const root = document.getElementById('habitual-admin');
if (root) render(<AdminApp />, root);
