package com.example;

/** Plain code that uses one generated class. */
public final class Uses {
	private Uses() {
	}

	public static Object decide(boolean a) {
		return inc.Alpha.decide(a);
	}
}
