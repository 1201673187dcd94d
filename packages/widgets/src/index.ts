export { mount, type MountOptions } from './host/mount';
export { catalogs, type Catalog, type Locale, type Messages } from './host/i18n';
