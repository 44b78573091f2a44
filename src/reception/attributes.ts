/** The `reception-*` attributes, as written. */
export interface ReceptionAttributes {
  hours: string;
  days: string;
  closed: string;
  timeZone: string;
}

/**
 * What the attributes mean when absent: the vendor's business days as the
 * terms describe them. Hours have no default: only the vendor knows its own,
 * so there is no notice until it says (and no notice code loads).
 */
export const defaultReception: ReceptionAttributes = {
  hours: '',
  days: 'mon tue wed thu fri',
  closed: 'jp-holidays 12-29/01-03',
  timeZone: 'Asia/Tokyo',
};
