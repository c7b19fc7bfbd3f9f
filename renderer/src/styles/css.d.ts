// Plain CSS side-effect imports (Vite bundles them); same shape as vite/client's declaration.
declare module '*.css' {}
