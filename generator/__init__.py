"""Generator for public industrial-chain chief system portals (产业链链长制信息门户)."""
