
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'rsc-holidays': `Japanese national holidays`,
'rsc-japan-time': `Japan time`,
'rsc-list-separator': `, `,
'rsc-range-separator': `–`,
'rsc-reception-closed': `We are currently outside reception hours. Our staff may still help outside these hours if needed.`,
'rsc-reception-except': str` Closed on ${0}.`,
'rsc-reception-hours': str`Reception hours: ${0}, ${1} (${2}).`,
'rsc-reception-open': `We are currently within reception hours.`,
    };
  