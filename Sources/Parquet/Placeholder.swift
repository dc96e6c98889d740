enum ParquetPlaceholder {}
