enum ClickstreamPlaceholder {}
