export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageQueryDto,
  pageWindow,
  type Page,
} from '../../../common/http';

/** Regular-expression text matching `text` literally (user search terms never become patterns). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
