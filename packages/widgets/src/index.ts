export { mount, type MountOptions } from './mount';
export { catalogs, type Catalog, type Locale, type Messages } from './i18n';
