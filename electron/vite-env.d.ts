// electron-vite's import suffixes (`?modulePath` for the fleet decoding worker's bundle).
/// <reference types="electron-vite/node" />
