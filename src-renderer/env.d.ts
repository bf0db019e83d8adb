// Runs in: renderer (types only). Vite's client types: import.meta.env and CSS imports.
/// <reference types="vite/client" />
