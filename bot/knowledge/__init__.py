"""The documents the bot knows: loading, metadata, chunking, embeddings, the index, retrieval."""
