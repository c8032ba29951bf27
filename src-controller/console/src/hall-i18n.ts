/** The hall controls use the console's translator; their strings live in hall-catalogue.ts. */
export { useI18n as useHallI18n } from './i18n';
