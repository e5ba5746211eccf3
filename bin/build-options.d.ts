import type { BuildOptions } from 'esbuild';

export declare const PRODUCT_BUILD: BuildOptions;
