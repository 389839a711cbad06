module example.com/axis

go 1.19
