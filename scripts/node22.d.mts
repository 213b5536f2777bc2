/** Whether a Node of this version (default: this one) runs effect 4 (>= 22.19). */
export declare const runsEffect4: (version?: string) => boolean
/** The path of a Node that runs effect 4: PERSONALIZE_NODE, this one, or Node 22 from the npm registry. */
export declare const node22: () => string
